import Testing
@testable import ChannelBench

/// The memory-growth scenario in miniature: the bounded channel must stay flat while the
/// unbounded one grows with its backlog. Skipped where jemalloc keeps no statistics (TSan).
@Suite(.serialized) struct MemoryScenarioTests {
    static var jemallocLive: Bool { JemallocStats.isAvailable }

    static func scenario(_ impl: String, _ capacity: ChannelCapacity) -> MemoryScenario {
        MemoryScenario(implementation: impl, capacity: capacity, producers: 2, messages: 60_000,
                       messageBytes: 64, consumerDelayNanoseconds: 5_000, intervalMilliseconds: 5)
    }

    @Test(.enabled(if: jemallocLive), arguments: ["condvar", "actor"])
    func boundedStaysFlatWhileUnboundedGrows(impl: String) async throws {
        let d = try #require(ChannelRegistry.named(impl))
        let bounded = await MemoryScenarioRunner.run(Self.scenario(impl, .bounded(1024)), descriptor: d).summary
        let unbounded = await MemoryScenarioRunner.run(Self.scenario(impl, .unbounded), descriptor: d).summary

        #expect(bounded.delivered == 60_000)
        #expect(unbounded.delivered == 60_000)
        #expect(bounded.peakQueued <= 1024)
        #expect(bounded.growthBytes < 2 << 20, "bounded(1024) grew \(bounded.growthBytes) bytes")
        // The slow consumer (5 µs/msg) leaves most of the 60k messages queued behind it.
        #expect(unbounded.peakQueued > 10_000)
        #expect(unbounded.growthBytes > 4 * bounded.growthBytes)
        // Each queued 64-byte message costs at least its own bytes.
        #expect(unbounded.bytesPerQueuedMessage >= 64)
    }

    @Test func samplesAreOrderedAndCountTraffic() async throws {
        let d = try #require(ChannelRegistry.named("condvar"))
        let outcome = await MemoryScenarioRunner.run(Self.scenario("condvar", .bounded(16)), descriptor: d)
        let t = outcome.samples.map(\.tMilliseconds)
        #expect(t == t.sorted())
        #expect(outcome.samples.count >= 3)
        #expect(outcome.samples.last?.received == 60_000)
        #expect(outcome.samples.allSatisfy { $0.queued <= 16 && $0.received <= $0.sent })
    }

    @Test func planRejectsBadInput() {
        func plan(_ impls: [String]? = nil, producers: Int = 1, messages: Int = 10, size: Int = 64,
                  delay: Double = 1, interval: Int = 10) throws(MemoryScenarioError) -> MemoryPlan {
            try MemoryPlan(implementations: impls, capacities: nil, producers: producers, messages: messages,
                           messageBytes: size, consumerDelayMicroseconds: delay, intervalMilliseconds: interval)
        }
        #expect(throws: MemoryScenarioError.self) { try plan(["nope"]) }
        #expect(throws: MemoryScenarioError.self) { try plan(producers: 0) }
        #expect(throws: MemoryScenarioError.self) { try plan(messages: 0) }
        #expect(throws: MemoryScenarioError.self) { try plan(size: 4) }
        #expect(throws: MemoryScenarioError.self) { try plan(delay: -1) }
        #expect(throws: MemoryScenarioError.self) { try plan(interval: 0) }
        // asyncchannel is rendezvous-only: neither default capacity applies.
        #expect(throws: MemoryScenarioError.self) { try plan(["asyncchannel"]) }
    }

    @Test func planCoversBoundedAndUnboundedAndSkipsTheUnsupported() throws {
        let p = try MemoryPlan(implementations: ["condvar", "ring"], capacities: nil, producers: 2, messages: 100,
                               messageBytes: 64, consumerDelayMicroseconds: 1, intervalMilliseconds: 10)
        #expect(p.scenarios.map { "\($0.implementation)@\($0.capacity)" } == ["condvar@1024", "condvar@unbounded", "ring@1024"])
        #expect(p.skipped.count == 1)
    }

    @Test func summaryRowRoundTripsThroughAChildsStdout() {
        let s = Self.scenario("condvar", .unbounded)
        let r = MemoryRunSummary(scenario: s, family: "lock", baselineBytes: 1000, peakBytes: 5000, peakQueued: 40,
                                 afterDrainBytes: 200, producerSeconds: 0.5, consumerSeconds: 1.25, delivered: 60_000,
                                 file: "results/memory-condvar-unbounded-x.csv")
        let line = MemoryCSV.summaryRow(r, lossy: false)
        let row = MemorySummaryRow(line: line)
        #expect(row?.verified == true)
        #expect(row?["growth_bytes"] == "4000")
        #expect(row?["bytes_per_queued_msg"] == "100.0")
        #expect(MemorySummaryRow(line: "not,a,row") == nil)
        var lost = r
        lost.delivered = 59_999
        #expect(MemorySummaryRow(line: MemoryCSV.summaryRow(lost, lossy: false))?.verified == false)
        #expect(MemorySummaryRow(line: MemoryCSV.summaryRow(lost, lossy: true))?.verified == true)
    }
}
