import BenchSupport

/// Number spelling shared by the text and markdown reports (the CSV keeps full precision).
package enum CompareFormatting {
    /// Measurements: 3–4 significant figures for small values, whole numbers for large ones.
    static func measurement(_ x: Double?) -> String {
        guard let x else { return "-" }
        if x >= 1000 { return DecimalText.exact(x, 0) }
        if x >= 100 { return DecimalText.exact(x, 1) }
        if x >= 1 { return DecimalText.exact(x, 2) }
        return DecimalText.significant(x, 3)
    }

    static func ratio(_ x: Double?) -> String {
        guard let x else { return "-" }
        if !x.isFinite { return "inf" }
        return DecimalText.exact(x, 3)
    }

    /// `+30.2%` / `-4.1%`: the change of the raw metric, NEW relative to BASE.
    static func change(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return "-" }
        let percent = (ratio - 1) * 100
        if percent.isInfinite { return "+inf%" }  // a finite ratio near Double's largest, as printf spells it
        return (percent.sign == .plus ? "+" : "") + DecimalText.exact(percent, 1) + "%"
    }

    /// `+8.3%`: the smallest slowdown the rule would have flagged, from its cost ratio.
    static func minimumDetectable(_ c: ConfigurationComparison) -> String {
        change(c.minimumDetectable)
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
        return p < 0.001 ? DecimalText.scientific(p, 1) : DecimalText.exact(p, 3)
    }

    /// `8/8 procs`: each sample is one process's median.
    static func counts(_ c: ConfigurationComparison) -> String {
        "\(c.baseValues.count)/\(c.newValues.count) procs"
    }
}
