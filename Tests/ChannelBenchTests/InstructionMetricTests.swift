import Testing
@testable import BenchModel
@testable import BenchCompare

/// `--metric instructions_per_msg`: deterministic counts, judged exactly against the threshold
/// (no interval, no test, one process a side is enough).
@Suite struct InstructionMetricTests {
    private static let header = CompareCSVReaderTests.header + ",fork,instructions_per_msg"

    /// One process's row of `workload` with `instructions` per message.
    private func row(_ workload: String, _ instructions: Double, fork: Int = 1) -> String {
        "ring,lock-free,threads,\(workload),1,1,100000,8,100000,1,0.1,1e6,100,0.1,0,1,1,0,1,1,,,,,,true,\(fork),\(instructions)"
    }

    private func file(_ rows: [String], path: String) throws -> BenchCSVFile {
        try BenchCSVReader.parse(([Self.header] + rows).joined(separator: "\n") + "\n", path: path)
    }

    private func verdicts(base: [String], new: [String], threshold: CompareThreshold? = nil) throws -> [String: CompareVerdict] {
        let metric = try CompareMetric(named: "instructions_per_msg")
        let options = CompareOptions(metric: metric, threshold: threshold ?? metric.defaultThreshold)
        let comparison = try BenchComparator.compare(base: file(base, path: "b.csv"), new: file(new, path: "n.csv"), options: options)
        return Dictionary(uniqueKeysWithValues: comparison.configurations.map { ($0.key.workload, $0.verdict) })
    }

    @Test func isExactWithAOnePercentDefault() throws {
        let metric = try CompareMetric(named: "instructions_per_msg")
        #expect(metric.exact && metric.lowerIsBetter)
        #expect(metric.defaultThreshold.fraction == 0.01)
        #expect(!CompareMetric.nsPerMessage.exact && CompareMetric.nsPerMessage.defaultThreshold == .default)
    }

    @Test func identicalCountsFromOneProcessASideAreUnchangedNotInconclusive() throws {
        let v = try verdicts(base: [row("seq", 152.4)], new: [row("seq", 152.4)])
        #expect(v["seq"] == .unchanged)
    }

    @Test func aChangeOfOnePercentIsFlaggedAndJustBelowIsNot() throws {
        let v = try verdicts(base: [row("seq", 200), row("try-pingpong", 200)],
                             new: [row("seq", 202), row("try-pingpong", 201.9)])
        #expect(v["seq"] == .regression)
        #expect(v["try-pingpong"] == .unchanged)
        let better = try verdicts(base: [row("seq", 202)], new: [row("seq", 200)])
        #expect(better["seq"] == .improvement)
    }

    @Test func theThresholdIsConfigurable() throws {
        let v = try verdicts(base: [row("seq", 200)], new: [row("seq", 206)], threshold: CompareThreshold(fraction: 0.05))
        #expect(v["seq"] == .unchanged)
        let w = try verdicts(base: [row("seq", 200)], new: [row("seq", 210)], threshold: CompareThreshold(fraction: 0.05))
        #expect(w["seq"] == .regression)
    }

    @Test func processesThatDisagreeAreNotedAsNotDeterministic() throws {
        let metric = CompareMetric.instructionsPerMessage
        let base = try file([row("seq", 200, fork: 1), row("seq", 200, fork: 2)], path: "b.csv")
        let new = try file([row("seq", 200, fork: 1), row("seq", 230, fork: 2)], path: "n.csv")
        let c = try #require(try BenchComparator.compare(base: base, new: new, options: .init(metric: metric,
                                                                                                  threshold: metric.defaultThreshold))
            .configurations.first)
        #expect(c.notes.contains { $0.contains("not deterministic") })
        #expect(c.minimumDetectable == metric.defaultThreshold.regressionBound)
    }
}
