import Foundation
import Testing
@testable import BenchModel
@testable import BenchHistory
@testable import BenchReport

/// The report's history chart and section, built from a store holding a synthetic history.
@Suite struct HistoryChartTests {
    /// A store with two configurations over 14 commits: `ring` slowed ×1.3 from commit 7,
    /// `condvar` flat; and one run of `null` (a single commit: not charted).
    static func trends(in dir: String) throws -> HistoryTrends {
        let store = try SQLiteResultsStore(path: dir + "/h.sqlite")
        for i in 0..<14 {
            for (impl, step) in [("ring", 1.3), ("condvar", 1.0)] {
                let level = (i >= 7 ? 100 * step : 100) * (1 + 0.01 * Double((i * 7) % 5 - 2))
                let path = dir + "/\(impl)-\(i).csv"
                try HistoryStoreTests.write(HistoryStoreTests.benchCSV(commit: String(format: "%02d%038d", i, 0),
                                                                       date: String(format: "2026-01-01T00:%02d:00Z", i),
                                                                       nsPerMessage: [level, level * 1.01, level * 0.99], impl: impl), to: path)
                _ = try HistoryImporter.importFile(path, into: store)
            }
        }
        try HistoryStoreTests.write(HistoryStoreTests.benchCSV(commit: "ff", date: "2026-01-02T00:00:00Z", nsPerMessage: [5], impl: "null"),
                                    to: dir + "/null.csv")
        _ = try HistoryImporter.importFile(dir + "/null.csv", into: store)
        return try HistoryTrends.load(store, location: dir + "/h.sqlite", preferredClass: nil, metric: HistoryMetric(named: "ns_per_msg"))
    }

    @Test func theChartMarksTheChangePointWhereTheStepIs() throws {
        try withScratchDirectory { dir in
            let trends = try Self.trends(in: dir)
            #expect(trends.results.count == 2, "a configuration of one commit has no series")
            guard case .draw(let plan) = HistoryChart.plan(trends) else { Issue.record("no history chart"); return }
            let vars = plan.variables.text
            // The changed configuration comes first; its change point is drawn before the 8th commit.
            #expect(vars.contains("NP = 2"))
            #expect(vars.contains("P_TITLE[1] = \"ring mpmc"), "\(vars)")
            #expect(vars.contains("NCP = 1"))
            #expect(vars.contains("CP_PANEL[1] = 1"))
            #expect(vars.contains("CP_X[1] = 8"))
            #expect(vars.contains("CP_LABEL[1] = \"07000000 ×1.3"), "\(vars)")
            let blocks = try #require(plan.dataFiles["history.dat"]).components(separatedBy: "\n\n")
            #expect(blocks.count == 2)
            #expect(blocks.allSatisfy { $0.split(separator: "\n").count == 14 })
            #expect(plan.caption.contains("2 of 2 configurations (1 with a change point)"))
        }
    }

    @Test func withoutAHistoryTheChartSaysWhy() {
        guard case .skipped(let name, let reason) = HistoryChart.plan(nil) else { Issue.record("drawn without data"); return }
        #expect(name == "history")
        #expect(reason.contains("no results history"))
    }

    @Test func theReportListsEveryChangePoint() throws {
        try withScratchDirectory { dir in
            var doc = ReportDocument(title: "t")
            HistoryChart.add(try Self.trends(in: dir), to: &doc)
            let md = MarkdownRendering.render(doc)
            #expect(md.contains("## History"))
            #expect(md.contains("ring mpmc"))
            #expect(md.contains("0700000000"))
            #expect(md.contains("slowdown"))
            #expect(!md.contains("condvar"))
        }
    }

    @Test(.enabled(if: GnuplotRunner.isAvailable))
    func gnuplotDrawsIt() throws {
        try withScratchDirectory { dir in
            guard case .draw(let plan) = HistoryChart.plan(try Self.trends(in: dir)) else { Issue.record("no history chart"); return }
            let scripts = CLIEndToEndTests.root.appendingPathComponent("plots").path
            try FileManager.default.createDirectory(atPath: dir + "/work", withIntermediateDirectories: true)
            try GnuplotRunner(scripts: scripts).draw(plan, work: dir + "/work", out: dir)
            let png = FileManager.default.contents(atPath: dir + "/history.png") ?? Data()
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }
}
