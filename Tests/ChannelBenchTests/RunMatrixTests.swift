import Testing
@testable import BenchModel
@testable import BenchEngine

@Suite struct RunMatrixTests {
    let available = [BenchImplementations.null, TestDescriptors.good, TestDescriptors.async]

    @Test func expandsEveryCombinationAndFixesShapes() throws {
        let p = RunParameters(implementations: ["test-good"], workloads: [.spsc, .mpsc, .mpmc],
                              producers: [1, 2, 4], consumers: [1, 3], capacities: [.bounded(1), .unbounded],
                              messageSizes: [8, 64], messages: 12)
        let m = try RunMatrix([p], available: available)
        // spsc: 1 shape; mpsc: 3 producer counts; mpmc: 3 x 2 → 10 shapes × 2 caps × 2 sizes.
        #expect(m.configurations.count == (1 + 3 + 6) * 2 * 2)
        #expect(m.configurations.filter { $0.workload == .spsc }.allSatisfy { $0.producers == 1 && $0.consumers == 1 })
        #expect(m.configurations.filter { $0.workload == .mpsc }.allSatisfy { $0.consumers == 1 })
        #expect(Set(m.configurations.filter { $0.workload == .mpmc }.map { "\($0.producers)x\($0.consumers)" })
                == ["1x1", "1x3", "2x1", "2x3", "4x1", "4x3"])
        #expect(m.skipped.isEmpty)
    }

    @Test func allMeansEveryAvailableImplementation() throws {
        let m = try RunMatrix([RunParameters(implementations: ["all"], workloads: [.spsc], capacities: [.unbounded], messages: 8)],
                              available: available)
        #expect(m.configurations.map(\.implementation.name) == ["null", "test-good", "test-async"])
    }

    @Test func unsupportedCombinationsAreSkippedWithANote() throws {
        let p = RunParameters(implementations: ["test-good", "test-async"], workloads: [.seq, .spsc],
                              capacities: [.bounded(0), .bounded(10), .unbounded], messages: 100)
        let m = try RunMatrix([p], available: available)
        // test-good: no rendezvous; seq needs capacity >= 100. test-async: unbounded only.
        let names = m.configurations.map { "\($0.implementation.name) \($0.workload) \($0.capacity)" }
        #expect(names == ["test-good seq unbounded", "test-good spsc 10", "test-good spsc unbounded",
                          "test-async seq unbounded", "test-async spsc unbounded"])
        #expect(m.skipped.contains { $0.contains("test-good seq") && $0.contains("holds all 100 messages") })
        #expect(m.skipped.contains { $0.contains("test-good spsc") && $0.contains("capacity 0") })
        #expect(m.skipped.contains { $0.contains("test-async") && $0.contains("capacity 10") })
    }

    @Test func duplicatesAcrossParameterSetsRunOnce() throws {
        let p = RunParameters(implementations: ["test-good"], workloads: [.spsc], producers: [1, 2], consumers: [1, 2],
                              capacities: [.unbounded], messages: 4)
        let m = try RunMatrix([p, p], available: available)
        #expect(m.configurations.count == 1)
    }

    @Test func suitesExpandAgainstTheBaseline() throws {
        for suite in BenchSuite.allCases {
            let m = try RunMatrix(suite.parameterSets, available: [BenchImplementations.null])
            #expect(!m.configurations.isEmpty)
            // The overview grid covers the four capacities for every stream workload.
            for cap in BenchSuite.gridCapacities {
                #expect(m.configurations.contains { $0.workload == .mpmc && $0.capacity == cap })
            }
        }
        let d = try RunMatrix(BenchSuite.default.parameterSets, available: [BenchImplementations.null])
        #expect(Set(d.configurations.map(\.messageBytes)) == Set(BenchSuite.messageSizeSweep))
        #expect(Set(d.configurations.filter { $0.workload == .mpsc }.map(\.producers)) == [1, 2, 4, 8, 16])
        #expect(d.configurations.contains { $0.capacity == .bounded(65536) })
    }

    @Test func payloadLayoutIsInlineForSmallSizesAndHeapOtherwise() {
        #expect(PayloadLayout(messageBytes: 8) == .inline(bytes: 8))
        #expect(PayloadLayout(messageBytes: 256) == .inline(bytes: 256))
        #expect(PayloadLayout(messageBytes: 1024) == .heap(bytes: 1024))
        #expect(PayloadLayout(messageBytes: 100) == .heap(bytes: 100))
        #expect(MemoryLayout<InlinePayload64>.size == 64)
        #expect(MemoryLayout<InlinePayload256>.size == 256 && MemoryLayout<InlinePayload16>.size == 16)
        #expect(HeapPayload(byteCount: 65536, stamp: 7).bytes.count == 65536)
        #expect(HeapPayload(byteCount: 65536, stamp: 7).stamp == 7)
        #expect(InlinePayload32(byteCount: 32, stamp: 9).stamp == 9 && InlinePayload128(byteCount: 128, stamp: 5).stamp == 5)
    }
}
