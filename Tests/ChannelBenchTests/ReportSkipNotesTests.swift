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
