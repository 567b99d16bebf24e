import Foundation
import BenchModel

/// Chart 7: NEW/BASE median ratio with its interval per configuration, from a compare CSV.
/// Rows in verdict order — failed, regressions, improvements, unchanged, inconclusive, then
/// configurations on one side only — so what needs attention is on top; at most `limit` rows
/// per metric, with a count of the rest, so the image keeps a readable height.
enum CompareChart {
    static let limit = 30
    static let verdictOrder = ["failed", "regression", "improvement", "unchanged", "inconclusive", "missing", "new"]
    static let colors = ["failed": 0x000000, "regression": 0xd62728, "improvement": 0x2ca02c, "unchanged": 0x7f7f7f,
                         "inconclusive": 0xff7f0e, "missing": 0x1f77b4, "new": 0x1f77b4]

    struct Row { var label: String; var ratio: Double?; var low: Double?; var high: Double?; var verdict: String }

    static func rows(_ file: BenchCSVFile) -> [String: [Row]] {
        var byMetric: [String: [Row]] = [:]
        for r in file.rows {
            func t(_ c: String) -> String { file.text(c, in: r) ?? "" }
            let label = "\(t("impl")) \(t("workload")) \(t("producers"))×\(t("consumers")) cap \(t("capacity")) \(t("message_bytes")) B"
            byMetric[t("metric"), default: []].append(Row(label: label, ratio: Double(t("ratio")), low: Double(t("ci_low")),
                                                          high: Double(t("ci_high")), verdict: t("verdict")))
        }
        return byMetric.mapValues(sorted)
    }

    /// Verdict order, then the largest change first inside a verdict.
    static func sorted(_ rows: [Row]) -> [Row] {
        rows.sorted { a, b in
            let va = verdictOrder.firstIndex(of: a.verdict) ?? verdictOrder.count
            let vb = verdictOrder.firstIndex(of: b.verdict) ?? verdictOrder.count
            if va != vb { return va < vb }
            return abs(log(a.ratio ?? 1)) > abs(log(b.ratio ?? 1))
        }
    }

    /// Ratio ticks that fit in [lo, hi] at least a tenth of the axis apart (1× always kept).
    static func ticks(lo: Double, hi: Double) -> String {
        let candidates = [0.1, 0.25, 0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 5, 10, 20]
        let minGap = (log(hi) - log(lo)) / 10
        var kept: [Double] = [1]
        for c in candidates.filter({ $0 > lo && $0 < hi && $0 != 1 }).sorted(by: { abs(log($0)) < abs(log($1)) })
        where kept.allSatisfy({ abs(log($0) - log(c)) >= minGap }) {
            kept.append(c)
        }
        return kept.sorted().map { "\"\(String(format: "%g", $0))×\" \($0)" }.joined(separator: ", ")
    }

    static func plan(_ inputs: ReportInputs) -> ChartOutcome {
        guard let file = inputs.compare else {
            return .skipped(name: "compare", reason: "no compare CSV (write one with: chanbench compare BASE.csv NEW.csv --format csv > results/compare.csv)")
        }
        let byMetric = rows(file)
        guard !byMetric.isEmpty else { return .skipped(name: "compare", reason: "\(file.path) has no configurations") }
        var vars = GnuplotVariables()
        var files: [String: String] = [:]
        var shownTotal = 0
        var ratios: [Double] = []
        var omitted: [String] = []
        for (i, metric) in byMetric.keys.sorted().enumerated() {
            let k = i + 1
            let all = byMetric[metric]!
            let shown = Array(all.prefix(limit))
            shownTotal += shown.count
            var lines: [String] = []
            for (j, r) in shown.enumerated() {
                let y = shown.count - j
                let one = r.ratio == nil ? 1 : 0
                ratios += [r.ratio, r.low, r.high].compactMap { $0 }.filter { $0 > 0 && $0.isFinite }
                let ratio = r.ratio.map { "\($0)" } ?? "1"
                lines.append([String(y), ratio, (r.low ?? r.ratio).map { "\($0)" } ?? ratio, (r.high ?? r.ratio).map { "\($0)" } ?? ratio,
                              r.verdict, String(colors[r.verdict] ?? 0x7f7f7f), String(one), "\(r.verdict): \(r.label)"]
                    .joined(separator: "\t"))
            }
            files["compare-\(k).dat"] = lines.joined(separator: "\n") + "\n"
            vars.set("CMP_N_\(k)", shown.count)
            vars.set("CMP_DAT_\(k)", "compare-\(k).dat")
            let rest = all.count - shown.count
            let counts = verdictOrder.compactMap { v in
                let n = all.filter { $0.verdict == v }.count
                return n == 0 ? nil : "\(n) \(v)"
            }
            vars.set("CMP_TITLE_\(k)", "\(metric): \(counts.joined(separator: ", "))" + (rest > 0 ? " — \(rest) more not shown" : ""))
            if rest > 0 { omitted.append("\(rest) \(metric) rows") }
        }
        let lo = min(ratios.min() ?? 0.9, 0.9) / 1.08, hi = max(ratios.max() ?? 1.1, 1.1) * 1.08
        vars.set("LO", lo)
        vars.set("HI", hi)
        vars.set("XTICS", ticks(lo: lo, hi: hi))
        vars.set("NPANEL", byMetric.count)
        let height = 60 + 28 * shownTotal + 100 * byMetric.count + 60
        return .draw(ChartPlan(name: "compare", width: 1300, height: height, variables: vars, dataFiles: files,
                               caption: "NEW/BASE median ratio with its interval, regressions first, then improvements, then unchanged\(omitted.isEmpty ? "" : " (not shown: \(omitted.joined(separator: ", ")); see the table)"). Data: \(file.provenance)."))
    }
}
