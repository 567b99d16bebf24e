import Foundation
import Testing
@testable import BenchModel
@testable import BenchReport

/// `chanbench report` over the fixture CSVs (Tests/Fixtures/charts): which charts it draws
/// from which data, what the tables and captions say, lossy marking, stale files.
@Suite struct ReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures/charts").path
    static func fixture(_ name: String) -> String { (fixtures as NSString).appendingPathComponent(name) }
    static var memoryFixtures: [String] { ReportInputs.memoryFiles(in: fixtures) }

    static func allInputs() throws -> ReportInputs {
        try ReportInputs.load(bench: fixture("bench.csv"), memory: memoryFixtures, compare: fixture("compare.csv"))
    }

    static func drawn(_ outcomes: [ChartOutcome]) -> [String: ChartPlan] {
        var plans: [String: ChartPlan] = [:]
        for case .draw(let plan) in outcomes { plans[plan.name] = plan }
        return plans
    }

    /// The fixture's bench CSV cut down to the rows `keep` accepts, written to `directory`.
    static func subset(_ directory: String, _ keep: (String) -> Bool) throws -> String {
        let lines = try String(contentsOfFile: fixture("bench.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines.first { !$0.hasPrefix("#") }!
        let rows = lines.filter { !$0.hasPrefix("#") && $0 != header && keep($0) }
        let text = (lines.filter { $0.hasPrefix("#") && !$0.hasPrefix("# status") } + [header] + rows
                    + ["# status: complete rows=\(rows.count)"]).joined(separator: "\n") + "\n"
        let path = (directory as NSString).appendingPathComponent("small.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func everyChartIsPlannedFromTheFullFixturesAndEveryCaptionNamesItsData() throws {
        let builder = ReportBuilder(inputs: try Self.allInputs(), out: "/nonexistent", gnuplot: GnuplotRunner(scripts: "plots"))
        let plans = Self.drawn(try builder.plans().outcomes)
        // The fixtures hold no results history (HistoryChartTests draws that chart).
        #expect(Set(plans.keys) == Set(ReportBuilder.chartNames).subtracting(["history"]))
        for name in ["throughput", "scaling", "capacity", "size", "latency"] {
            let caption = try #require(plans[name]?.caption)
            #expect(caption.contains("bench.csv, 837 rows, commit 000000000000"), "\(name): \(caption)")
        }
        #expect(plans["compare"]!.caption.contains("compare.csv"))
        #expect(plans["memory"]!.caption.contains("8 run files"))
    }

    @Test func aSmallRunDrawsOnlyWhatItsDataSupports() throws {
        try withScratchDirectory { dir in
            // condvar and ring at one shape and size: nothing sweeps threads, capacity or size
            let smaller = try Self.subset(dir) { line in
                (line.hasPrefix("condvar,") || line.hasPrefix("ring,")) && line.contains(",spsc,1,1,1024,64,")
            }
            let inputs = try ReportInputs.load(bench: smaller, memory: [], compare: nil)
            let outcomes = try ReportBuilder(inputs: inputs, out: dir, gnuplot: GnuplotRunner(scripts: "plots")).plans().outcomes
            #expect(Set(Self.drawn(outcomes).keys) == ["throughput", "latency"])
        }
    }

    /// A run without lossy rows, in one panel of four: gnuplot 5.4 once crashed drawing it.
    @Test(.enabled(if: GnuplotRunner.isAvailable))
    func aSmallRunIsDrawnToo() throws {
        try withScratchDirectory { dir in
            let smaller = try Self.subset(dir) { line in
                (line.hasPrefix("condvar,") || line.hasPrefix("ring,")) && line.contains(",spsc,1,1,1024,64,")
            }
            let inputs = try ReportInputs.load(bench: smaller, memory: [], compare: nil)
            let scripts = Self.root.appendingPathComponent("plots").path
            _ = try ReportBuilder(inputs: inputs, out: dir, gnuplot: GnuplotRunner(scripts: scripts)).build()
            for name in ["throughput", "latency"] {
                let png = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent("\(name).png")) ?? Data()
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name).png")
            }
        }
    }

    @Test func theSelectWorkloadsHaveTheirRowsInTheThroughputChart() throws {
        let header = BenchCSV.columns.joined(separator: ",")
        func row(_ impl: String, _ workload: String, producers: Int = 4, consumers: Int) -> String {
            let values = ["impl": impl, "family": "x", "driver": "threads", "workload": workload, "producers": String(producers),
                          "consumers": String(consumers), "capacity": "1024", "message_bytes": "8", "messages": "4000",
                          "repetition": "1", "ns_per_msg": "120", "verified": "true", "lost_messages": "0", "mode": "throughput"]
            return BenchCSV.columns.map { values[$0] ?? "" }.joined(separator: ",")
        }
        // Five workload groups: one more than the classic four, so the chart must grow.
        let file = try BenchCSVReader.parse([header, row("ring", "spsc", producers: 1, consumers: 1), row("ring", "mpsc", consumers: 1),
                                             row("ring", "mpmc", consumers: 4), row("ring", "select_rx", consumers: 1),
                                             row("condvar", "select_both", consumers: 4), "# status: complete rows=5"]
                                                .joined(separator: "\n"), path: "select.csv")
        let data = BenchChartData(file: file, figures: try ConfigurationFigures.aggregate(file))
        guard case .draw(let plan) = ThroughputChart.plan(data) else {
            Issue.record("the throughput chart was skipped")
            return
        }
        #expect(plan.variables.text.contains("select_rx 4×1"))
        #expect(plan.variables.text.contains("select_both 4×4"))
        #expect(plan.height > 1150)
    }

    @Test func lossyConfigurationsAreNeverRankedAndAreCountedApartWithTheirLosses() throws {
        let file = try BenchCSVReader.read(path: Self.fixture("bench.csv"))
        let figures = try ConfigurationFigures.aggregate(file)
        let lossy = figures.filter(\.isLossy)
        #expect(!lossy.isEmpty && lossy.allSatisfy { $0.impl == "asyncstream-oldest" && $0.capacity == "1" })
        for row in BenchSection.fastest(figures) { #expect(row[4] != "asyncstream-oldest" || row[3] != "1", "\(row)") }
        // where the lossy channel has the smallest ns/msg, the fastest is the next one
        let header = BenchCSV.columns.joined(separator: ",")
        func row(_ impl: String, ns: String, lost: Int) -> String {
            let values = ["impl": impl, "family": "x", "driver": "tasks", "workload": "spsc", "producers": "1", "consumers": "1",
                          "capacity": "1", "message_bytes": "64", "messages": "1000", "repetition": "1", "ns_per_msg": ns,
                          "verified": "true", "lost_messages": String(lost), "mode": "throughput"]
            return BenchCSV.columns.map { values[$0] ?? "" }.joined(separator: ",")
        }
        let tiny = try BenchCSVReader.parse([header, row("ring", ns: "30", lost: 0), row("asyncstream-oldest", ns: "5", lost: 900),
                                             "# status: complete rows=2"].joined(separator: "\n"), path: "tiny.csv")
        let ranked = BenchSection.fastest(try ConfigurationFigures.aggregate(tiny))
        #expect(ranked.map { $0[4] } == ["ring"])
        let sentence = BenchSection.correctness(figures)
        #expect(sentence.contains("lossy-by-design channels (asyncstream-oldest) lost"))
        #expect(sentence.contains("of \(figures.count) configurations passed"))
        #expect(!sentence.contains("All "))
        #expect(sentence.contains("FAILED a check (condvar)"))
    }

    @Test func swiftChannelsAreComparedWithTheFastestReferenceOfTheSameConfiguration() throws {
        let figures = try ConfigurationFigures.aggregate(try BenchCSVReader.read(path: Self.fixture("bench.csv")))
        let rows = ReferenceSection.table(figures)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { ["go-chan", "rust-std-mpsc", "rust-crossbeam"].contains($0[7]) && $0[0] != "null" })
        // the lossy channel gets the mark, never a ratio
        #expect(rows.filter { $0[0] == "asyncstream-oldest" && $0[4] == "1" }.allSatisfy { $0[6] == "LOSSY" })
        #expect(rows.contains { $0[0] == "ring" && $0[6].hasSuffix("×") })
    }

    @Test func compareRowsPutRegressionsFirstThenImprovementsThenUnchanged() throws {
        let file = try BenchCSVReader.read(path: Self.fixture("compare.csv"), required: ReportInputs.compareColumns)
        let verdicts = try #require(CompareChart.rows(file)["ns_per_msg"]).map(\.verdict)
        let order = verdicts.map { CompareChart.verdictOrder.firstIndex(of: $0)! }
        #expect(order == order.sorted())
        #expect(verdicts.firstIndex(of: "regression")! < verdicts.firstIndex(of: "improvement")!)
        #expect(verdicts.firstIndex(of: "improvement")! < verdicts.firstIndex(of: "unchanged")!)
        // ticks at least a tenth of the log axis apart, so their labels never overlap
        let ticks = CompareChart.ticks(lo: 0.7, hi: 1.6).split(separator: ",").map { Double($0.split(separator: " ").last!)! }
        let gap = (log(1.6) - log(0.7)) / 10
        for (a, b) in zip(ticks, ticks.dropFirst()) { #expect(log(b) - log(a) >= gap - 1e-9, "\(a) \(b)") }
    }

    @Test func compareChartHeightIsBoundedAndCountsTheRest() throws {
        try withScratchDirectory { dir in
            var text = ReportInputs.compareColumns.joined(separator: ",") + "\n"
            for i in 0..<200 { text += "ring,spsc,1,\(i + 1),1024,64,ns_per_msg,1.0\(i % 10),0.9,1.2,unchanged\n" }
            text += "condvar,spsc,1,1,0,64,ns_per_msg,1.5,1.3,1.7,regression\n# status: complete rows=201\n"
            let path = (dir as NSString).appendingPathComponent("cmp.csv")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let inputs = try ReportInputs.load(bench: nil, memory: [], compare: path)
            guard case .draw(let plan) = CompareChart.plan(inputs) else { Issue.record("no compare chart"); return }
            #expect(plan.height < 1400)
            #expect(plan.variables.text.contains("171 more not shown"))
            #expect(plan.dataFiles["compare-1.dat"]!.split(separator: "\n").first!.contains("regression: condvar"))
        }
    }

    @Test func memoryChartSharesOneScaleMarksProducersAndDrainAndNamesLossyRuns() throws {
        guard case .draw(let plan) = MemoryChart.plan(try Self.allInputs()) else { Issue.record("no memory chart"); return }
        let vars = plan.variables.text
        #expect(vars.components(separatedBy: "YMAX =").count == 2)  // one y scale for every panel
        #expect(vars.contains("LOSSY 1365/200000 delivered"))
        #expect(vars.contains("kept 0.25 MiB"))
        let marks = plan.dataFiles.filter { $0.key.hasPrefix("memory-marks") }.values.joined()
        #expect(marks.contains("\t1\n") && marks.contains("\t2\n"))
    }

    @Test func scalingNeverDrawsALineThroughAnUnmeasuredCount() {
        let series = ChartSeries(impl: "ring", family: "lock-free", points: [
            .init(label: "1", x: 1, median: 5, min: 5, max: 5, lossy: false),
            .init(label: "4", x: 4, median: 3, min: 3, max: 3, lossy: false),
        ])
        // another series measured 2: the line from 1 to 4 breaks (a blank line in the block)
        #expect(series.block(axis: [1, 2, 4]).contains("\n\n"))
        #expect(!series.block(axis: [1, 4]).contains("\n\n"))
    }

    @Test func theRunSummaryTableFitsOneHundredColumnsAndKeepsEveryCell() throws {
        let file = try BenchCSVReader.read(path: Self.fixture("bench.csv"))
        let table = try SummaryTable.render(file: file)
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= SummaryTable.maxWidth })
        // the capacities are split over several tables, each repeating the row labels
        let headers = table.split(separator: "\n").filter { $0.hasPrefix("impl") }
        #expect(headers.count >= 2)
        for cap in ["cap 0", "cap 1 ", "cap 1024", "cap unbounded"] { #expect(headers.contains { ($0 + " ").contains(cap) }, "\(cap)") }
    }

    @Test func anIncompleteFileIsRefusedUnlessAcceptedAndThenFlagged() throws {
        try withScratchDirectory { dir in
            let text = try String(contentsOfFile: Self.fixture("bench.csv"), encoding: .utf8)
                .replacingOccurrences(of: "# status: complete", with: "# status: interrupted")
            let path = (dir as NSString).appendingPathComponent("cut.csv")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: ReportError.self) { try ReportInputs.load(bench: path, memory: [], compare: nil) }
            let inputs = try ReportInputs.load(bench: path, memory: [], compare: nil, acceptPartial: true)
            #expect(inputs.bench!.provenance.hasSuffix("INCOMPLETE"))
        }
    }

    @Test(.enabled(if: GnuplotRunner.isAvailable))
    func buildDrawsChartsRemovesStaleOnesAndWritesASelfContainedReport() throws {
        try withScratchDirectory { dir in
            let stale = (dir as NSString).appendingPathComponent("compare.png")
            try Data("stale".utf8).write(to: URL(fileURLWithPath: stale))
            let inputs = try ReportInputs.load(bench: Self.fixture("bench.csv"), memory: Self.memoryFixtures, compare: nil)
            let scripts = Self.root.appendingPathComponent("plots").path
            let outcome = try ReportBuilder(inputs: inputs, out: dir, gnuplot: GnuplotRunner(scripts: scripts)).build()
            #expect(!FileManager.default.fileExists(atPath: stale))
            #expect(outcome.removed == [stale])
            for name in ["throughput", "scaling", "capacity", "size", "latency", "memory"] {
                let png = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent("\(name).png")) ?? Data()
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name).png")
            }
            let md = try String(contentsOfFile: (dir as NSString).appendingPathComponent("report.md"), encoding: .utf8)
            #expect(md.contains("LOSSY: lost"))
            #expect(md.contains("![throughput chart](throughput.png)"))
            #expect(!md.contains("compare.png"))
            let html = try String(contentsOfFile: (dir as NSString).appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.components(separatedBy: "<img src=\"data:image/png;base64,").count == 7)
        }
    }
}
