import Foundation
import BenchModel

/// Builds one report from the result files in hand: draws the charts their data supports,
/// deletes charts of earlier reports it did not draw this time (a stale chart would show data
/// that is not in this report), and writes `report.md` and a self-contained `report.html`.
package struct ReportBuilder: Sendable {
    /// Every chart the report knows, in report order.
    package static let chartNames = ["throughput", "scaling", "capacity", "size", "latency", "memory", "compare", "history"]

    package var inputs: ReportInputs
    /// Where charts, `report.md` and `report.html` go.
    package var out: String
    package var gnuplot: GnuplotRunner
    /// The results history to chart (`nil`: none).
    package var history: HistoryTrends?

    package init(inputs: ReportInputs, out: String, gnuplot: GnuplotRunner) {
        (self.inputs, self.out, self.gnuplot) = (inputs, out, gnuplot)
    }

    /// What a build did, for the command's summary lines.
    package struct Outcome: Sendable {
        package var drawn: [ChartPlan] = []
        package var skipped: [(name: String, reason: String)] = []
        package var removed: [String] = []
        package var warnings: [String] = []
    }

    /// The charts this data supports (pure: no files touched).
    package func plans() throws(ReportError) -> (figures: [ConfigurationFigures], outcomes: [ChartOutcome]) {
        var outcomes: [ChartOutcome] = []
        var figures: [ConfigurationFigures] = []
        if let bench = inputs.bench {
            figures = try ConfigurationFigures.aggregate(bench)
            let data = BenchChartData(file: bench, figures: figures)
            outcomes += [ThroughputChart.plan(data), ScalingChart.plan(data), CapacityChart.plan(data),
                         SizeChart.plan(data), LatencyChart.plan(data)]
        } else {
            outcomes += ["throughput", "scaling", "capacity", "size", "latency"].map { .skipped(name: $0, reason: "no bench CSV") }
        }
        outcomes += [MemoryChart.plan(inputs), CompareChart.plan(inputs), HistoryChart.plan(history)]
        return (figures, outcomes)
    }

    package func build() throws(ReportError) -> Outcome {
        var outcome = Outcome()
        try ReportFiles.makeDirectory(out)
        let (figures, outcomes) = try plans()
        let work = NSTemporaryDirectory() + "chanbench-report-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try ReportFiles.makeDirectory(work)
        defer { try? FileManager.default.removeItem(atPath: work) }
        for o in outcomes {
            switch o {
            case .draw(let plan):
                try gnuplot.draw(plan, work: work, out: out)
                outcome.drawn.append(plan)
            case .skipped(let name, let reason):
                outcome.skipped.append((name, reason))
            }
        }
        let drawn = Set(outcome.drawn.map(\.name))
        for name in Self.chartNames where !drawn.contains(name) {
            for ext in ["png", "svg", "log"] {
                let path = (out as NSString).appendingPathComponent("\(name).\(ext)")
                if FileManager.default.fileExists(atPath: path) {
                    do { try FileManager.default.removeItem(atPath: path) } catch {
                        throw .unwritable(path: path, reason: "cannot remove a stale chart: \((error as NSError).localizedDescription)")
                    }
                    outcome.removed.append(path)
                }
            }
        }
        outcome.warnings = warnings()
        let document = document(figures: figures, outcome: outcome)
        try ReportFiles.write(MarkdownRendering.render(document), to: (out as NSString).appendingPathComponent("report.md"))
        let html = HTMLRendering.render(document) { path in
            FileManager.default.contents(atPath: (out as NSString).appendingPathComponent(path))
        }
        try ReportFiles.write(html, to: (out as NSString).appendingPathComponent("report.html"))
        return outcome
    }

    /// One line per input that is not a complete file.
    func warnings() -> [String] {
        let files = [inputs.bench, inputs.memorySummary, inputs.compare].compactMap { $0 } + inputs.memoryRuns
        return files.compactMap { f in f.partialReason.map { "\(f.path) is INCOMPLETE: \($0); its figures cover only the rows it kept" } }
    }

    func document(figures: [ConfigurationFigures], outcome: Outcome) -> ReportDocument {
        var doc = ReportDocument(title: "ChannelBench report")
        if !outcome.warnings.isEmpty {
            doc.add(.paragraph([.strong("Warning"), .text(": some result files are incomplete.")]))
            doc.add(.bullets(outcome.warnings.map { [.text($0)] }))
        }
        if let meta = (inputs.bench ?? inputs.memorySummary ?? inputs.memoryRuns.first ?? inputs.compare) {
            let keys = ["git_commit", "date", "swift_version", "os", "cpu_model", "cores", "build", "command", "parameters"]
            let lines = keys.compactMap { k in meta.metadata(k).map { "\(k): \($0)" } }
            if !lines.isEmpty {
                doc.add(.heading(level: 2, text: "How this was measured"))
                doc.add(.code(lines.joined(separator: "\n")))
            }
        }
        func figure(_ name: String) {
            guard let plan = outcome.drawn.first(where: { $0.name == name }) else { return }
            doc.add(.figure(path: "\(name).png", alt: "\(name) chart", caption: plan.caption))
        }
        if let bench = inputs.bench {
            BenchSection.add(figures, file: bench, to: &doc)
            for name in ["throughput", "scaling", "capacity", "size", "latency"] { figure(name) }
            ReferenceSection.add(figures, to: &doc)
        }
        if inputs.memorySummary != nil || !inputs.memoryRuns.isEmpty {
            if let summary = inputs.memorySummary { MemorySection.add(summary, to: &doc) } else { doc.add(.heading(level: 2, text: "Memory")) }
            figure("memory")
        }
        if let compare = inputs.compare {
            CompareSection.add(compare, to: &doc)
            figure("compare")
        }
        if let history {
            HistoryChart.add(history, to: &doc)
            figure("history")
        }
        if !outcome.skipped.isEmpty {
            doc.add(.heading(level: 2, text: "Charts not drawn"))
            doc.add(.bullets(outcome.skipped.map { [.text("\($0.name): \($0.reason)")] }))
        }
        return doc
    }
}
