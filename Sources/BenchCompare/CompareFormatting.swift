import Foundation

/// Number spelling shared by the text and markdown reports (the CSV keeps full precision).
package enum CompareFormatting {
    /// Measurements: 3–4 significant figures for small values, whole numbers for large ones.
    static func measurement(_ x: Double?) -> String {
        guard let x else { return "-" }
        if x >= 1000 { return String(format: "%.0f", x) }
        if x >= 100 { return String(format: "%.1f", x) }
        if x >= 1 { return String(format: "%.2f", x) }
        return String(format: "%.3g", x)
    }

    static func ratio(_ x: Double?) -> String {
        guard let x else { return "-" }
        if !x.isFinite { return "inf" }
        return String(format: "%.3f", x)
    }

    /// `+30.2%` / `-4.1%`: the change of the raw metric, NEW relative to BASE.
    static func change(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return "-" }
        return String(format: "%+.1f%%", (ratio - 1) * 100)
    }

    static func interval(_ interval: BootstrapRatioInterval?) -> String {
        guard let interval else { return "-" }
        return "[\(ratio(interval.low)), \(ratio(interval.high))]"
    }

    static func pValue(_ test: MannWhitneyTest?) -> String {
        pValue(test?.pValue)
    }

    static func pValue(_ p: Double?) -> String {
        guard let p else { return "-" }
        return p < 0.001 ? String(format: "%.1e", p) : String(format: "%.3f", p)
    }

    /// `3/3` repetitions, or `8/8 procs` when each sample is one process's median.
    static func counts(_ c: ConfigurationComparison) -> String {
        "\(c.baseValues.count)/\(c.newValues.count)" + (c.unit == .run ? " procs" : "")
    }
}
