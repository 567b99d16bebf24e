import Foundation
import Testing
@testable import BenchSupport
@testable import BenchCompare

/// The report's numbers are spelled by `DecimalText` now, and must read exactly as the
/// `String(format:)` calls they replaced did: the same digits, the same rounding of ties.
@Suite struct CompareFormattingTests {
    /// Ties and near-ties of every precision the reports use, powers of ten, tiny and huge values.
    private static let crafted: [Double] = [
        0, -0.0, 0.125, 0.0625, 0.375, 2.5, 3.5, 1234.5, 1235.5, 99.95, 99.949999, 999.95, 9.995, 9.9949,
        1.0005, 1.0015, 0.0005, 0.00095, 0.000999, 0.001, 0.00099999, 0.05, 0.15, 0.25, 0.35, 1e-5, 1.5e-7,
        123.45, 100, 99.99, 1000, 999.9999, 1, 0.99999, 0.5, 1e15, 1.7976931348623157e308, .leastNonzeroMagnitude, 2.2250738585072014e-308,
        -0.04, -0.05, -0.0500001, -12.35, 12.35, 0.30000000000000004, 1.1, 1.15, 1.25, 1.35, 0.9995, 0.0995,
    ]

    private static let sampled: [Double] = {
        var g = SeededGenerator(seed: 11)
        return (0..<4000).map { i in
            let magnitude = Double.random(in: -7...7, using: &g)
            let value = Foundation.pow(10, magnitude)
            // Every fourth value is cut to a few decimals, so that ties come up often.
            return i % 4 == 0 ? (value * 1000).rounded() / 1000 : value
        }
    }()

    @Test(arguments: ["%.0f", "%.1f", "%.2f", "%.3f", "%.1e", "%.3g"])
    func printfConversionsMatchStringFormat(spec: String) {
        for value in Self.crafted + Self.sampled + Self.sampled.map({ -$0 }) {
            let ours: String = switch spec {
            case "%.0f": DecimalText.exact(value, 0)
            case "%.1f": DecimalText.exact(value, 1)
            case "%.2f": DecimalText.exact(value, 2)
            case "%.3f": DecimalText.exact(value, 3)
            case "%.1e": DecimalText.scientific(value, 1)
            default: DecimalText.significant(value, 3)
            }
            #expect(ours == String(format: spec, value), "\(spec) of \(value)")
        }
    }

    @Test func reportFormattersAreUnchanged() {
        for value in Self.crafted + Self.sampled where value >= 0 {
            let measurement = value >= 1000 ? String(format: "%.0f", value) : value >= 100 ? String(format: "%.1f", value)
                : value >= 1 ? String(format: "%.2f", value) : String(format: "%.3g", value)
            #expect(CompareFormatting.measurement(value) == measurement)
            #expect(CompareFormatting.ratio(value) == String(format: "%.3f", value))
            #expect(CompareFormatting.change(value) == String(format: "%+.1f%%", (value - 1) * 100))
            let p = value < 0.001 ? String(format: "%.1e", value) : String(format: "%.3f", value)
            #expect(CompareFormatting.pValue(value) == p)
        }
        #expect(CompareFormatting.ratio(.infinity) == "inf" && CompareFormatting.change(nil) == "-")
    }
}
