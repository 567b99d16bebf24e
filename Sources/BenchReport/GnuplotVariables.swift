/// gnuplot assignments for a chart's `VARS` file, quoted safely (names come from user files).
package struct GnuplotVariables: Sendable {
    package private(set) var lines: [String] = []

    package init() {}

    package mutating func set(_ name: String, _ value: Double) { lines.append("\(name) = \(number(value))") }
    package mutating func set(_ name: String, _ value: Int) { lines.append("\(name) = \(value)") }
    package mutating func set(_ name: String, _ value: String) { lines.append("\(name) = \(Self.quoted(value))") }

    /// `array NAME[n]` filled with `values` (gnuplot arrays need at least one element).
    package mutating func array(_ name: String, _ values: [String]) {
        lines.append("array \(name)[\(max(values.count, 1))]")
        for (i, v) in values.enumerated() { lines.append("\(name)[\(i + 1)] = \(Self.quoted(v))") }
    }

    package mutating func array(_ name: String, _ values: [Int]) {
        lines.append("array \(name)[\(max(values.count, 1))]")
        for (i, v) in values.enumerated() { lines.append("\(name)[\(i + 1)] = \(v)") }
    }

    /// `NAME = "..."` with the characters a gnuplot double-quoted string treats specially escaped.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    package var text: String { lines.joined(separator: "\n") + "\n" }

    private func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "NaN" }
}
