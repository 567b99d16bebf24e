import Foundation
import Testing
import Channels
@testable import BenchSupport
@testable import BenchModel

/// The bench CSV's figures were `String(format: "%.Nf")` and are now ``DecimalText/exact(_:_:)``:
/// these pin the two to the same text, byte for byte, at every decimals count the CSV uses.
@Suite struct DecimalTextExactTests {
    /// What the bench CSV wrote before for a figure: "" when not finite, else C's `%.Nf`.
    static func formerText(_ v: Double, _ decimals: Int) -> String {
        v.isFinite ? String(format: "%.\(decimals)f", v) : ""
    }

    /// Every decimals count `BenchCSV.row` formats with.
    static let csvDecimals = [0, 2, 3, 4, 6]

    static let edgeValues: [Double] = {
        var values: [Double] = [
            0, -0.0, 1, -1, 0.5, 1.5, 2.5, -2.5, 3.5, 0.125, -0.125, 0.375, 0.0625, 0.03125, 0.0078125,
            1.005, 0.285, 0.265, 2.675, 0.0005, 0.00005, 5e-7, 1e-7, 4.9999999e-7, -0.001, -1e-9, -0.4, -0.5,
            9.5, 99.5, 999.9995, 0.9999995, 123456.789, 1e15, 4503599627370495.5, 9007199254740992, 1e20,
            18446744073709551616, Double(Int.max), 1.5e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            .leastNormalMagnitude, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .ulpOfOne,
            .nan, .infinity, -.infinity,
        ]
        // Exact ties at d decimals: odd multiples of 2^-(d+1), whose value × 10^d ends in .5.
        for d in csvDecimals {
            for j in 0..<16 {
                let tie = Double(2 * j + 1) / Double(1 << (d + 1))
                values += [tie, -tie, tie + 1000, tie + 1e9]
            }
        }
        return values
    }()

    @Test func matchesPrintfOnEdgeValues() {
        for v in Self.edgeValues {
            for d in Self.csvDecimals {
                #expect(DecimalText.exact(v, d) == Self.formerText(v, d), "value \(v), \(d) decimals")
            }
        }
    }

    @Test func matchesPrintfOnSeededValuesOfEveryMagnitude() {
        var rng = SeededGenerator(seed: 20_261_130)
        for _ in 0..<1500 {
            let v = Double(sign: Bool.random(using: &rng) ? .minus : .plus,
                           exponent: Int.random(in: -40...80, using: &rng),
                           significand: Double.random(in: 1..<2, using: &rng))
            for d in Self.csvDecimals {
                #expect(DecimalText.exact(v, d) == Self.formerText(v, d), "value \(v), \(d) decimals")
            }
        }
    }

    @Test func benchRowFiguresMatchTheirFormerText() {
        let m = RunMetrics(seconds: 0.0078125, messagesPerSecond: 2.5, nanosecondsPerMessage: 0.125,
                           cpuUserSeconds: 0.03125, cpuSystemSeconds: 1e20, voluntaryContextSwitches: 0,
                           involuntaryContextSwitches: 0, allocationsPerMessage: .nan, peakAllocatedBytes: nil,
                           peakResidentBytes: nil, latency: nil)
        let c = RunConfiguration(implementation: TestDescriptors.good, workload: .spsc, producers: 1, consumers: 1,
                                 capacity: .bounded(8), messageBytes: 8, messages: 10)
        let row = Dictionary(uniqueKeysWithValues: zip(BenchCSV.columns,
            BenchCSV.row(RunResult(configuration: c, repetition: 1, failure: nil, lostMessages: 0, metrics: m))))
        #expect(row["seconds"] == Self.formerText(0.0078125, 6))
        #expect(row["msgs_per_sec"] == Self.formerText(2.5, 0))
        #expect(row["ns_per_msg"] == Self.formerText(0.125, 2))
        #expect(row["cpu_user_s"] == Self.formerText(0.03125, 4))
        #expect(row["cpu_sys_s"] == Self.formerText(1e20, 4))
        #expect(row["allocs_per_msg"] == "")
    }
}
