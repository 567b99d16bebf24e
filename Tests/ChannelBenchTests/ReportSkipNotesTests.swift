import Testing
@testable import BenchModel
@testable import BenchEngine

/// `chanbench run`'s skip notes: one line per reason by default, every combination listed
/// only on request, and nothing lost from the count.
@Suite struct ReportSkipNotesTests {
    @Test func skipNotesAreSummarisedOneLinePerReasonWithTheirCount() throws {
        let p = RunParameters(implementations: ["test-good", "test-async"], workloads: [.spsc, .mpsc],
                              producers: [1, 2, 4], capacities: [.bounded(0), .bounded(10), .unbounded], messages: 100)
        let m = try RunMatrix([p], available: [BenchImplementations.null, TestDescriptors.good, TestDescriptors.async])
        let summary = m.skipSummary
        #expect(m.skipped.count > summary.count)
        #expect(Set(summary).count == summary.count)
        // every skipped combination is counted in exactly one summary line
        let counted = summary.map { line -> Int in
            guard line.hasPrefix("skip "), let n = Int(line.dropFirst(5).prefix { $0.isNumber }) else { return 1 }
            return n
        }
        #expect(counted.reduce(0, +) == m.skipped.count)
        #expect(summary.contains { $0.contains("combinations: ") && $0.contains("capacity 0") && $0.contains("(e.g. test-good") })
    }
}

/// `chanbench memory`'s table: a lossy channel that passed says how many messages arrived.
@Suite struct ReportMemoryTableTests {
    @Test func aLossyRunShowsWhatArrivedInsteadOfYes() {
        func row(delivered: Int) -> MemorySummaryRow {
            let scenario = MemoryScenario(implementation: "asyncstream-oldest", capacity: .bounded(1024), producers: 1,
                                          messages: 1_000_000, messageBytes: 64, consumerDelayNanoseconds: 0, intervalMilliseconds: 10)
            return .measured(MemoryRunSummary(scenario: scenario, family: "ecosystem", baselineBytes: 0, peakBytes: 0, peakQueued: 0,
                                              afterDrainBytes: 0, producerSeconds: 1, consumerSeconds: 1, delivered: delivered,
                                              file: "f.csv"), verified: true)
        }
        #expect(MemorySummaryTable.render([row(delivered: 1365)]).contains("LOSSY 1365/1000000"))
        #expect(MemorySummaryTable.render([row(delivered: 1_000_000)]).hasSuffix("yes"))
    }
}
