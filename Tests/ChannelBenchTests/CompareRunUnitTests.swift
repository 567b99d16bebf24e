import Testing
@testable import BenchModel
@testable import BenchCompare

/// compare uses each process's median as one sample: repetitions inside a process share its
/// machine state and are not independent evidence.
@Suite struct CompareRunUnitTests {
    private static let header = CompareCSVReaderTests.header

    private func rows(_ values: [Double], round: Int? = nil) -> String {
        values.enumerated().map { i, v in
            var row = CompareCSVReaderTests.row(ns: String(v))
            row = row.replacingOccurrences(of: ",1000,1,", with: ",1000,\(i + 1),")
            return round.map { row + ",\($0)" } ?? row
        }.joined(separator: "\n")
    }

    /// A file made of several `chanbench run` outputs joined with `cat` (header repeated).
    private func catJoined(_ runs: [[Double]], path: String) throws -> BenchCSVFile {
        let text = runs.map { "# git_commit: abc\n\(Self.header)\n\(rows($0))\n" }.joined()
        return try BenchCSVReader.parse(text, path: path)
    }

    @Test func catJoinedRunsAreCountedAsRuns() throws {
        let base = try catJoined([[100, 100.2, 100.4], [104, 104.2, 104.4], [102, 102.2, 102.4]], path: "b.csv")
        let new = try catJoined([[101, 101.2, 101.4], [103, 103.2, 103.4]], path: "n.csv")
        let result = try BenchComparator.compare(base: base, new: new)
        let c = try #require(result.configurations.first)
        #expect(c.baseValues == [100.2, 104.2, 102.2])
        #expect(c.newValues == [101.2, 103.2])
        #expect(c.verdict == .unchanged)
        #expect(CompareReportFormat.text.render(result).contains("3/2 procs"))
    }

    @Test func abRoundColumnIdentifiesRuns() throws {
        // The A/B script's joined file: one header plus an ab_round column.
        let text = "\(Self.header),ab_round\n\(rows([10, 11], round: 1))\n\(rows([20, 21], round: 2))\n"
        let file = try BenchCSVReader.parse(text, path: "ab.csv")
        #expect(Set(file.rows.map { file.runID(of: $0) }) == ["round 1", "round 2"])
        let result = try BenchComparator.compare(base: file, new: file)
        let c = try #require(result.configurations.first)
        #expect(c.baseValues == [10.5, 20.5])
    }

    @Test func aSingleProcessOnEitherSideIsInconclusive() throws {
        // 30 % slower in every repetition, but BASE's three repetitions are one process: its
        // placement could be the whole difference, so nothing is called, in either direction.
        let base = try catJoined([[100, 101, 102]], path: "b.csv")
        let new = try catJoined([[130, 131, 133], [131, 132, 133]], path: "n.csv")
        for (b, n) in [(base, new), (new, base), (base, base)] {
            let result = try BenchComparator.compare(base: b, new: n)
            let c = try #require(result.configurations.first)
            #expect(c.verdict == .inconclusive)
            #expect(c.interval == nil && c.test == nil)
            #expect(!result.failsGate)
            #expect(result.warnings.contains { $0.contains("1 of 1 configurations are inconclusive") && $0.contains("--forks") })
        }
    }

    @Test func aDifferentSetUpIsNamedInTheWarnings() throws {
        func file(_ metadata: String, _ path: String) throws -> BenchCSVFile {
            try BenchCSVReader.parse("\(metadata)\(Self.header)\n\(rows([100, 101, 102]))\n", path: path)
        }
        let plain = try file("# pinned_threads: false\n", "b.csv")
        let pinned = try file("# pinned_threads: true\n", "n.csv")
        let slowed = try file("# pinned_threads: false\n# injected_work_per_msg: 1 loop iterations\n", "s.csv")
        func warnings(_ b: BenchCSVFile, _ n: BenchCSVFile) throws -> [String] {
            try BenchComparator.compare(base: b, new: n).warnings.filter { $0.contains("BASE and NEW differ in") }
        }
        #expect(try warnings(plain, pinned).contains { $0.contains("pinned_threads (false vs true)") })
        #expect(try warnings(plain, slowed).contains { $0.contains("injected_work_per_msg (none vs 1 loop iterations)") })
        #expect(try warnings(plain, plain).isEmpty)
        // A file from before the key existed is not called different.
        #expect(try warnings(try file("", "old.csv"), pinned).isEmpty)
    }

    @Test func runLevelDriftIsNotARegression() throws {
        // Same code, but the machine got busier during some runs: each run is tight inside,
        // runs differ by up to 25 %. Interleaved A/B puts busy runs on both sides.
        let base = try catJoined([[100, 100.1, 100.2], [125, 125.1, 125.2], [101, 101.1, 101.2], [124, 124.1, 124.2]], path: "b.csv")
        let new = try catJoined([[124.5, 124.6, 124.7], [100.5, 100.6, 100.7], [126, 126.1, 126.2], [110, 110.1, 110.2]], path: "n.csv")
        let c = try #require(try BenchComparator.compare(base: base, new: new).configurations.first)
        #expect(c.verdict == .unchanged)
    }

    @Test func consistentSlowdownAcrossRunsIsARegression() throws {
        let base = try catJoined([[100, 101], [102, 101], [99, 100], [101, 103], [100, 100]], path: "b.csv")
        let new = try catJoined([[130, 131], [133, 132], [129, 131], [131, 130], [132, 134]], path: "n.csv")
        let c = try #require(try BenchComparator.compare(base: base, new: new).configurations.first)
        #expect(c.baseValues.count == 5)
        let test = try #require(c.test)
        #expect(test.minimumAchievableP < 0.05 && test.pValue < 0.05)  // the rank guard applies and agrees
        #expect(c.verdict == .regression)
        #expect(try BenchComparator.compare(base: base, new: new).warnings.isEmpty)
    }
}
