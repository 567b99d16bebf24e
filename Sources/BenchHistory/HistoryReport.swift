import BenchSupport
import BenchModel

/// `history`'s output: one row per located shift, and one row for each configuration without
/// any, as a text table or as a CSV (metadata lines first, the status trailer last).
package enum HistoryReport {
    package static let csvHeader = [
        "machine_class", "configuration", "metric", "commits", "head_commit", "head_median", "change_commit",
        "change_index", "ratio", "ratio_low", "ratio_high", "p_value", "direction", "at_head",
    ]

    /// The fields of every output row, numbers at full precision (empty = does not exist).
    static func rows(_ results: [HistoryAnalysis.Result], metric: HistoryMetric, machineClass: String) -> [[String]] {
        var rows: [[String]] = []
        for r in results {
            let head = r.series.points.last
            let common = [machineClass, r.series.configuration.description, metric.name, String(r.series.points.count),
                          head.map { shortCommit($0.commit) } ?? "", head.map { "\($0.median)" } ?? ""]
            if r.shifts.isEmpty {
                rows.append(common + ["", "", "", "", "", "", "none", ""])
                continue
            }
            for s in r.shifts {
                rows.append(common + [shortCommit(s.commit), String(s.index), "\(s.ratio)", s.low.map { "\($0)" } ?? "",
                                      s.high.map { "\($0)" } ?? "", "\(s.pValue)", s.isSlowdown ? "slowdown" : "speedup",
                                      r.slowdownAtHead == s ? "true" : "false"])
            }
        }
        return rows
    }

    package static func csv(_ results: [HistoryAnalysis.Result], metric: HistoryMetric, machineClass: String,
                            metadata: RunMetadata) -> String {
        let rows = rows(results, metric: metric, machineClass: machineClass)
        let lines = metadata.lines + [csvHeader.joined(separator: ",")]
            + rows.map { $0.map(CSVWriter.escape).joined(separator: ",") }
            + [CSVTrailer.line(.complete(rows: rows.count))]
        return lines.joined(separator: "\n") + "\n"
    }

    package static func text(_ results: [HistoryAnalysis.Result], metric: HistoryMetric, machineClass: String) -> String {
        let table = TextTable(
            header: ["configuration", "commits", "head", metric.name, "change at", "after/before", "95% interval", "p", ""],
            rows: results.flatMap { r -> [[String]] in
                let head = r.series.points.last
                let common = [r.series.configuration.description, String(r.series.points.count),
                              head.map { shortCommit($0.commit) } ?? "-", head.map { DecimalText.significant($0.median, 4) } ?? "-"]
                if r.shifts.isEmpty { return [common + ["-", "-", "-", "-", "no change"]] }
                return r.shifts.map { s in
                    common + ["\(shortCommit(s.commit)) (#\(s.index))"] + shiftCells(s, of: r)
                }
            },
            rightAligned: [1, 3, 5], ruleUnderHeader: true)
        return "machine class \(machineClass), metric \(metric.name)\n" + table.render()
    }

    /// A shift as a table shows it: after/before, its interval, p, direction (and AT HEAD).
    package static func shiftCells(_ s: HistoryAnalysis.Shift, of r: HistoryAnalysis.Result) -> [String] {
        let interval = s.low.flatMap { low in s.high.map { "[\(DecimalText.exact(low, 3)), \(DecimalText.exact($0, 3))]" } } ?? "-"
        let p = s.pValue < 0.001 ? DecimalText.scientific(s.pValue, 1) : DecimalText.exact(s.pValue, 3)
        let label = (s.isSlowdown ? "slowdown" : "speedup") + (r.slowdownAtHead == s ? " AT HEAD" : "")
        return [DecimalText.exact(s.ratio, 3), interval, p, label]
    }

    /// The first 10 characters of a hash (and `+dirty`), full text otherwise.
    package static func shortCommit(_ commit: String) -> String {
        let dirty = commit.hasSuffix("+dirty")
        let hash = dirty ? String(commit.dropLast(6)) : commit
        guard hash.count == 40, hash.allSatisfy(\.isHexDigit) else { return commit }
        return String(hash.prefix(10)) + (dirty ? "+dirty" : "")
    }
}
