import BenchSupport
import BenchHistory

/// Chart 8: the results history, one panel per configuration ``HistoryTrends/shown``, its
/// change points marked with the commit and the size.
enum HistoryChart {
    static func plan(_ trends: HistoryTrends?) -> ChartOutcome {
        guard let trends else {
            return .skipped(name: "history", reason: "no results history (chanbench run appends to results/history.sqlite; --history names another)")
        }
        let (shown, truncated) = trends.shown
        guard !shown.isEmpty else {
            return .skipped(name: "history", reason: "no configuration on machine class \(trends.machineClass) was measured at 2 or more commits")
        }
        var vars = GnuplotVariables()
        var blocks: [String] = []
        var changePoints: [(panel: Int, x: Int, label: String)] = []
        for (panel, result) in shown.enumerated() {
            let points = result.series.points
            blocks.append(points.enumerated().map { i, p in
                [String(HistoryReport.shortCommit(p.commit).prefix(8)), String(i + 1), "\(p.median)"].joined(separator: "\t")
            }.joined(separator: "\n") + "\n")
            for shift in result.shifts {
                changePoints.append((panel + 1, shift.index + 1,
                                     "\(String(HistoryReport.shortCommit(shift.commit).prefix(8))) ×\(DecimalText.exact(shift.ratio, 2))"))
            }
        }
        let columns = shown.count == 1 ? 1 : shown.count <= 4 ? 2 : 3
        let rows = (shown.count + columns - 1) / columns
        vars.set("NP", shown.count)
        vars.set("ROWS", rows)
        vars.set("COLS", columns)
        vars.array("P_TITLE", shown.map(\.series.configuration.description))
        vars.array("P_N", shown.map(\.series.points.count))
        // At most ~16 commit labels per panel.
        vars.array("P_STEP", shown.map { max(1, ($0.series.points.count + 15) / 16) })
        vars.set("NCP", changePoints.count)
        vars.array("CP_PANEL", changePoints.map(\.panel))
        vars.array("CP_X", changePoints.map(\.x))
        vars.array("CP_LABEL", changePoints.map(\.label))
        vars.set("METRIC", trends.metric.name)
        vars.set("CLASS", trends.machineClass)
        vars.set("YLABEL", "\(trends.metric.name) (median per commit)")
        vars.set("DAT", "history.dat")
        let changed = shown.filter { !$0.shifts.isEmpty }.count
        let caption = "\(trends.metric.name) per commit on machine class \(trends.machineClass), \(shown.count) of \(trends.results.count) configurations"
            + " (\(changed) with a change point\(truncated ? "; the rest are the longest series without one" : ""))."
            + " Change points: E-divisive means, p < \(DecimalText.exact(EDivisive.defaultAlpha, 2)), as `chanbench history`. Data: \(trends.location)."
        return .draw(ChartPlan(name: "history", width: 1500, height: 120 + 330 * rows, variables: vars,
                               dataFiles: ["history.dat": blocks.joined(separator: "\n\n")], caption: caption))
    }

    /// The report's history section: one row per change point of every configuration.
    static func add(_ trends: HistoryTrends, to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "History"))
        let shifts = trends.results.flatMap { r in r.shifts.map { (r, $0) } }
        guard !shifts.isEmpty else {
            doc.paragraph("No change point in \(trends.results.count) configurations measured at 2 or more commits on machine class \(trends.machineClass).")
            return
        }
        doc.add(.table(header: ["configuration", "change at", "after/before", "95% interval", "p", ""],
                       rows: shifts.map { r, s in [r.series.configuration.description, HistoryReport.shortCommit(s.commit)] + HistoryReport.shiftCells(s, of: r) },
                       rightAligned: [2, 4]))
    }
}
