import Foundation
import BenchModel

/// Chart 6: allocated memory against time, one panel per family, one line per implementation
/// × capacity (solid unbounded, dashed bounded), every panel on the same y scale so panels
/// compare at a glance. Each line marks when its producers finished (triangle) and when the
/// drain finished (square), and its legend entry says what was still allocated after the drain.
enum MemoryChart {
    static let mebibyte = 1_048_576.0

    /// ", LOSSY: delivered 1365 of 200000" when a run did not deliver every message.
    static func loss(_ delivered: Double?, of messages: Double?) -> String? {
        guard let delivered, let messages, delivered < messages else { return nil }
        return ", LOSSY \(Int(delivered))/\(Int(messages)) delivered"
    }

    static func plan(_ inputs: ReportInputs) -> ChartOutcome {
        guard !inputs.memoryRuns.isEmpty else {
            return .skipped(name: "memory", reason: "no memory-*.csv run files (run 'chanbench memory' or 'make memory')")
        }
        struct Line { var impl: String; var capacity: String; var family: String; var points: [(Double, Double)]
                      var producersDone: Double?; var drainDone: Double?; var keptBytes: Double?; var baselineBytes: Double?; var loss: String? }
        let summary = inputs.memorySummary
        func summaryRow(_ file: BenchCSVFile) -> BenchCSVFile.Row? {
            guard let summary else { return nil }
            let name = (file.path as NSString).lastPathComponent
            return summary.rows.first { ((summary.text("file", in: $0) ?? "") as NSString).lastPathComponent == name }
        }
        var lines: [Line] = []
        for file in inputs.memoryRuns {
            let points = file.rows.compactMap { row -> (Double, Double)? in
                guard let t = file.text("t_ms", in: row).flatMap(Double.init),
                      let a = file.text("allocated_bytes", in: row).flatMap(Double.init) else { return nil }
                return (t / 1000, a / mebibyte)
            }
            guard let first = file.rows.first, !points.isEmpty else { continue }
            let row = summaryRow(file)
            func value(_ c: String) -> Double? { row.flatMap { summary!.text(c, in: $0) }.flatMap(Double.init) }
            let impl = file.text("impl", in: first) ?? "?"
            lines.append(Line(impl: impl, capacity: file.text("capacity", in: first) ?? "?",
                              family: row.flatMap { summary!.text("family", in: $0) } ?? impl, points: points,
                              producersDone: value("producer_seconds"), drainDone: value("consumer_seconds"),
                              keptBytes: value("after_drain_bytes"), baselineBytes: value("baseline_bytes"), loss: loss(value("delivered"), of: value("messages"))))
        }
        if lines.isEmpty { return .skipped(name: "memory", reason: "the memory CSVs hold no samples") }
        lines.sort { a, b in
            let ra = ReportPalette.rank(of: a.impl), rb = ReportPalette.rank(of: b.impl)
            return ra != rb ? ra < rb : (a.capacity != "unbounded" && b.capacity == "unbounded")
        }
        var families: [String] = []
        for l in lines where !families.contains(l.family) { families.append(l.family) }
        var vars = GnuplotVariables()
        var files: [String: String] = [:]
        for (i, family) in families.enumerated() {
            let k = i + 1
            let members = lines.filter { $0.family == family }
            files["memory-\(k).dat"] = members.map { l in l.points.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n") + "\n" }
                .joined(separator: "\n\n")
            files["memory-marks-\(k).dat"] = members.map { l in
                var rows = [(l.producersDone, 1), (l.drainDone, 2)].compactMap { t, kind -> String? in
                    guard let t else { return nil }
                    let y = l.points.min { abs($0.0 - t) < abs($1.0 - t) }!.1
                    return "\(t)\t\(y)\t\(kind)"
                }
                // what was still allocated once the drain finished, drawn where the line ends
                if let kept = l.keptBytes, let baseline = l.baselineBytes, let end = l.drainDone ?? l.points.last?.0 {
                    rows.append("\(end)\t\((baseline + kept) / mebibyte)\t3")
                }
                return rows.joined(separator: "\n") + "\n"
            }.joined(separator: "\n\n")
            vars.set("NM\(k)", members.count)
            vars.array("M\(k)_NAME", members.map { l in
                let kept = l.keptBytes.map { String(format: ", kept %.2f MiB", $0 / mebibyte) } ?? ""
                return "\(l.impl) \(l.capacity == "unbounded" ? "unbounded" : "bounded(\(l.capacity))")\(l.loss ?? "")\(kept)"
            })
            vars.array("M\(k)_COLOR", members.map { ReportPalette.color(of: $0.impl) })
            vars.array("M\(k)_BOUNDED", members.map { $0.capacity == "unbounded" ? 0 : 1 })
            vars.set("MEM_DAT_\(k)", "memory-\(k).dat")
            vars.set("MEM_MARKS_\(k)", "memory-marks-\(k).dat")
            let impls = members.map(\.impl).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            vars.set("MEM_TITLE_\(k)", family == impls.first && impls.count == 1 ? family : "family \(family) (\(impls.joined(separator: ", ")))")
        }
        let n = families.count
        let cols = n <= 1 ? 1 : 2, rows = (n + cols - 1) / cols
        vars.set("NPANEL", n)
        vars.set("LCOLS", cols)
        vars.set("LROWS", rows)
        // the figure title keeps 90 px whatever the height, so it never meets the panel titles
        vars.set("TOPM", 1 - 90.0 / Double(120 + rows * 520))
        // headroom above the highest line for the legend, the same in every panel
        vars.set("YMAX", lines.flatMap { $0.points.map(\.1) }.max()! * 1.45)
        vars.set("XMAX", lines.flatMap { $0.points.map(\.0) }.max()!)
        let provenance = inputs.memoryRuns.first!.metadata("git_commit").map { String($0.prefix(12)) } ?? "unknown"
        let incomplete = inputs.memoryRuns.filter { $0.partialReason != nil }.map { ($0.path as NSString).lastPathComponent }
        let source = inputs.memorySummary.map { ", summary \($0.provenance)" } ?? ", no memory-summary.csv (no markers)"
        return .draw(ChartPlan(name: "memory", width: 1500, height: 120 + rows * 520, variables: vars, dataFiles: files,
                               caption: "Allocated MiB (jemalloc) against time, one y scale for all panels; ▲ producers done, ■ drain done, ✕ still allocated after the drain (kept, also in the legend). Data: \(inputs.memoryRuns.count) run files (\(inputs.memoryRuns.reduce(0) { $0 + $1.rows.count }) samples, commit \(provenance))\(source)\(incomplete.isEmpty ? "" : "; INCOMPLETE: \(incomplete.joined(separator: ", "))")."))
    }
}
