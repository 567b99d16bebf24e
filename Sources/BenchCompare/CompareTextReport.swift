import BenchSupport
/// An aligned plain-text table, worst first, with a one-line summary and any notes below it.
package enum CompareTextReport {
    package static func render(_ comparison: BenchComparison) -> String {
        let options = comparison.options
        let level = Int((options.confidence * 100).rounded())
        var out = "compare \(options.metric): NEW \(comparison.newPath) vs BASE \(comparison.basePath)\n"
        if !comparison.baseProvenance.isEmpty { out += "  BASE: \(comparison.baseProvenance)\n" }
        if !comparison.newProvenance.isEmpty { out += "  NEW:  \(comparison.newProvenance)\n" }
        for warning in comparison.warnings { out += "warning: \(warning)\n" }
        out += "\n"
        let header = ["verdict", "configuration", "base", "new", "change", "ratio", "\(level)% CI", "p", "p adj", "MDE", "n b/n"]
        var rows: [[String]] = []
        for c in comparison.configurations {
            rows.append([
                c.verdict.rawValue.uppercased(), c.key.description,
                CompareFormatting.measurement(c.baseMedian), CompareFormatting.measurement(c.newMedian),
                CompareFormatting.change(c.ratio), CompareFormatting.ratio(c.ratio),
                CompareFormatting.interval(c.interval), CompareFormatting.pValue(c.test),
                CompareFormatting.pValue(c.adjustedP), CompareFormatting.minimumDetectable(c), CompareFormatting.counts(c),
            ])
        }
        out += TextTable(header: header, rows: rows, rightAligned: [2, 3, 4, 5, 7, 8, 9, 10]).render() + "\n"
        let noted = comparison.configurations.filter { !$0.notes.isEmpty }
        if !noted.isEmpty {
            out += "\nnotes:\n"
            for c in noted { out += "  \(c.key): \(c.notes.joined(separator: "; "))\n" }
        }
        out += "\n\(comparison.summaryLine)\n\(comparison.detectionLine)\n"
        if options.metric.exact {
            out += "rule (exact metric, deterministic counts): regression = median ratio at least "
                + "\(DecimalText.compact(options.threshold.regressionBound)), improvement = at most "
                + "\(DecimalText.compact(options.threshold.improvementBound)); no interval or test, one process a side suffices\n"
            return out
        }
        out += "rule: regression = whole \(level)% CI of the median ratio above \(DecimalText.compact(options.threshold.regressionBound))"
            + (options.correction == .holm
                ? " and Holm-adjusted Mann-Whitney p < \(DecimalText.compact(1 - options.confidence)) over the configurations judged"
                : " and Mann-Whitney p < \(DecimalText.compact(1 - options.confidence)) (no multiple-comparison correction)")
            + " (the rank test applies when the sample sizes let it reach that level); "
            + "inconclusive = a side measured by a single process; "
            + "MDE = the smallest slowdown this rule would have flagged at the noise observed\n"
        return out
    }
}
