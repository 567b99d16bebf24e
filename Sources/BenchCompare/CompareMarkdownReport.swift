/// A GitHub-flavoured markdown report for a CI job summary: a headline verdict, then one table
/// row per configuration, worst first, with the change, the ratio and its interval.
package enum CompareMarkdownReport {
    package static func render(_ comparison: BenchComparison) -> String {
        let options = comparison.options
        let level = Int((options.confidence * 100).rounded())
        let regressions = comparison.count(.regression), failed = comparison.count(.failed)
        var out = "### ChannelBench compare: "
        if failed > 0 || regressions > 0 {
            var what: [String] = []
            if failed > 0 { what.append("\(failed) failed") }
            if regressions > 0 { what.append("\(regressions) regression\(regressions == 1 ? "" : "s")") }
            out += "❌ " + what.joined(separator: ", ") + "\n\n"
        } else if comparison.count(.inconclusive) > 0 {
            // Not a pass: these configurations could not have failed.
            out += "⚠️ no regression shown, \(comparison.count(.inconclusive)) inconclusive (one process a side)\n\n"
        } else {
            out += "✅ no regression\n\n"
        }
        if options.metric.exact {
            out += "`\(options.metric)`, threshold \(options.threshold), exact: deterministic counts, any change of at least the threshold is one. "
        } else {
            out += "`\(options.metric)`, threshold \(options.threshold), \(level)% bootstrap CI of the median ratio NEW/BASE, "
            out += options.correction == .holm ? "Mann-Whitney p Holm-corrected over the configurations judged. " : "uncorrected Mann-Whitney p. "
        }
        out += "NEW `\(escape(comparison.newPath))`"
        if !comparison.newProvenance.isEmpty { out += " (\(escape(comparison.newProvenance)))" }
        out += " vs BASE `\(escape(comparison.basePath))`"
        if !comparison.baseProvenance.isEmpty { out += " (\(escape(comparison.baseProvenance)))" }
        out += ".\n\n"
        for warning in comparison.warnings { out += "> **Warning:** \(escape(warning))\n\n" }
        out += "| verdict | configuration | base | new | change | ratio | \(level)% CI | p | p adj | MDE | n |\n"
        out += "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
        for c in comparison.configurations {
            let verdict = c.verdict.failsGate ? "**\(c.verdict.rawValue)**" : c.verdict.rawValue
            var configuration = "`\(c.key.description)`"
            if !c.notes.isEmpty { configuration += "<br>" + escape(c.notes.joined(separator: "; ")) }
            let cells = [
                verdict, configuration,
                CompareFormatting.measurement(c.baseMedian), CompareFormatting.measurement(c.newMedian),
                CompareFormatting.change(c.ratio), CompareFormatting.ratio(c.ratio),
                CompareFormatting.interval(c.interval), CompareFormatting.pValue(c.test),
                CompareFormatting.pValue(c.adjustedP), CompareFormatting.minimumDetectable(c), CompareFormatting.counts(c),
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n\(comparison.summaryLine).\n\n\(comparison.detectionLine); MDE: the smallest slowdown the rule "
            + "would have flagged for that configuration, so `unchanged` means \"no change of at least that size shown\".\n"
        return out
    }

    /// Pipes would split table cells; backticks and stars would start markup.
    private static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "|*_`<>".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
