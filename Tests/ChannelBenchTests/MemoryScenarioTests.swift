import Testing
import Channels
@testable import BenchSupport
@testable import BenchModel
@testable import BenchEngine

/// The memory-growth scenario in miniature: the bounded channel must stay flat while the
/// unbounded one grows with its backlog. Skipped where jemalloc keeps no statistics (TSan).
@Suite(.serialized) struct MemoryScenarioTests {
    static var jemallocLive: Bool { JemallocStats.isAvailable }

    static func scenario(_ impl: String, _ capacity: ChannelCapacity) -> MemoryScenario {
        MemoryScenario(implementation: impl, capacity: capacity, producers: 2, messages: 60_000,
                       messageBytes: 64, consumerDelayNanoseconds: 5_000, intervalMilliseconds: 5)
    }

    /// A bounded channel cannot grow with the backlog whatever the schedule: its queue never
    /// passes the capacity and its memory stays within a small constant. An unbounded channel
    /// holding exactly `queued` messages (sent with nobody receiving, so the count is known,
    /// not sampled while threads race) costs at least their bytes.
    @Test(.enabled(if: jemallocLive), arguments: ["condvar", "actor"])
    func boundedStaysFlatWhileUnboundedGrows(impl: String) async throws {
        let d = try #require(ChannelRegistry.named(impl))
        let bounded = await MemoryScenarioRunner.run(Self.scenario(impl, .bounded(1024)), descriptor: d).summary
        #expect(bounded.delivered == 60_000)
        #expect(bounded.peakQueued <= 1024)
        #expect(bounded.growthBytes < 2 << 20, "bounded(1024) grew \(bounded.growthBytes) bytes")

        let unbounded = await MemoryScenarioRunner.run(Self.scenario(impl, .unbounded), descriptor: d).summary
        #expect(unbounded.delivered == 60_000)

        let queued = 20_000
        let growth = try await Self.bytesHolding(queued, in: d)
        #expect(growth >= queued * 64, "\(impl) unbounded grew \(growth) bytes for \(queued) queued 64-byte messages")
    }

    /// Bytes an unbounded channel of `d` adds while it holds exactly `queued` 64-byte messages,
    /// read from the allocation counters of the one thread that does all the work (a task and
    /// the actors it calls, pinned to a single-thread executor): other threads freeing memory
    /// meanwhile (a finished run's workers exiting late on a busy machine) cannot move it.
    /// Then drains the channel and checks every message came back.
    static func bytesHolding(_ queued: Int, in d: ChannelDescriptor) async throws -> Int {
        let executor = SingleThreadTaskExecutor()
        defer { executor.shutdown() }
        return try await withTaskExecutorPreference(executor) {
            func message(_ i: Int) -> InlinePayload64 { InlinePayload64(byteCount: 64, stamp: UInt64(i)) }
            func net() throws -> Int { try #require(JemallocStats.threadNetAllocatedBytes()) }
            var received = 0
            let growth: Int
            switch d.maker {
            case .blocking:
                let ch = try #require(d.makeBlocking(InlinePayload64.self, capacity: .unbounded))
                let before = try net()
                for i in 0..<queued { try ch.send(message(i)) }
                growth = try net() - before
                #expect(ch.count == queued)
                ch.close()
                while ch.receive() != nil { received += 1 }
            case .suspending:
                let ch = try #require(d.makeSuspending(InlinePayload64.self, capacity: .unbounded))
                let before = try net()
                for i in 0..<queued { try await ch.send(message(i)) }
                growth = try net() - before
                #expect(ch.count == queued)
                ch.close()
                while await ch.receive() != nil { received += 1 }
            }
            #expect(received == queued)
            return growth
        }
    }

    @Test func samplesAreOrderedAndCountTraffic() async throws {
        let d = try #require(ChannelRegistry.named("condvar"))
        let outcome = await MemoryScenarioRunner.run(Self.scenario("condvar", .bounded(16)), descriptor: d)
        let t = outcome.samples.map(\.tMilliseconds)
        #expect(t == t.sorted())
        // The first and the final sample are taken on the caller's thread; how many the
        // sampler thread adds between them depends on the schedule.
        #expect(outcome.samples.count >= 2)
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

    @Test func summaryRowFieldsFollowTheSchema() {
        let s = Self.scenario("condvar", .unbounded)
        let r = MemoryRunSummary(scenario: s, family: "lock", baselineBytes: 1000, peakBytes: 5000, peakQueued: 40,
                                 afterDrainBytes: 200, producerSeconds: 0.5, consumerSeconds: 1.25, delivered: 60_000,
                                 file: "results/memory-condvar-unbounded-x.csv")
        let row = MemorySummaryRow.measured(r, verified: true)
        #expect(row.fields.count == MemoryCSV.summaryColumns.count)
        #expect(row.verified)
        #expect(row["growth_bytes"] == "4000")
        #expect(row["bytes_per_queued_msg"] == "100.0")
        #expect(row["consumer_delay_us"] == "5.000")
        #expect(row["verified"] == "true")
        #expect(MemorySummaryRow.measured(r, verified: false)["verified"] == "false")
        var lost = r
        lost.delivered = 59_999
        #expect(!MemoryCSV.verified(lost, lossy: false))
        #expect(MemoryCSV.verified(lost, lossy: true))
    }

    /// A run without figures is still listed: what was asked, why in `file`, the rest empty.
    @Test func failedRowKeepsTheScenarioAndTheReason() {
        let row = MemorySummaryRow.failed(Self.scenario("ring", .bounded(1024)), family: "lock-free", reason: "timed out")
        #expect(!row.verified)
        #expect(row.fields.joined(separator: ",") == "ring,lock-free,1024,64,60000,,,,,,,,,timed out,2,,,false")
    }
}
