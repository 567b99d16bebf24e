import Synchronization
import Channels
import BenchSupport
import BenchModel

/// Runs one ``MemoryScenario`` in this process and returns its samples and summary.
///
/// Blocking implementations run on threads, async ones on tasks (see ``MemoryWorkloadDriver``).
/// Producers send as fast as the channel lets them; one consumer takes messages at the paced
/// rate and drains everything; the sampler records memory from before the first send until
/// after the drain.
package enum MemoryScenarioRunner {
    package struct Outcome: Sendable {
        package var samples: [MemorySample]
        package var summary: MemoryRunSummary
    }

    /// Runs the scenario with the benchmark payload type for its message size (inline value
    /// types up to 256 bytes, heap-backed beyond), each message stamped with its index.
    package static func run(_ scenario: MemoryScenario, descriptor: ChannelDescriptor) async -> Outcome {
        switch PayloadLayout(messageBytes: scenario.messageBytes) {
        case .inline(8): return await run(scenario, descriptor, InlinePayload8.self)
        case .inline(16): return await run(scenario, descriptor, InlinePayload16.self)
        case .inline(32): return await run(scenario, descriptor, InlinePayload32.self)
        case .inline(64): return await run(scenario, descriptor, InlinePayload64.self)
        case .inline(128): return await run(scenario, descriptor, InlinePayload128.self)
        case .inline(256): return await run(scenario, descriptor, InlinePayload256.self)
        case .inline, .heap: return await run(scenario, descriptor, HeapPayload.self)
        }
    }

    /// Makes the registry's channel of payloads `P` and runs the scenario on the driver of its
    /// kind.
    private static func run<P: BenchPayload>(_ s: MemoryScenario, _ d: ChannelDescriptor, _: P.Type) async -> Outcome {
        switch d.maker {
        case .blocking: return await openBlocking(d.makeBlocking(P.self, capacity: s.capacity)!, s, d)
        case .suspending: return await openSuspending(d.makeSuspending(P.self, capacity: s.capacity)!, s, d)
        }
    }

    /// `channel`'s dynamic type becomes `C` here (the existential is opened once), as in
    /// ``ChannelEngine``.
    private static func openBlocking<C: BlockingChannel>(_ channel: C, _ s: MemoryScenario, _ d: ChannelDescriptor) async -> Outcome
    where C.Element: BenchPayload {
        await scenario(s, d, BlockingWorkloadDriver<C, C.Element>(channel: channel))
    }

    private static func openSuspending<C: SuspendingChannel>(_ channel: C, _ s: MemoryScenario, _ d: ChannelDescriptor) async -> Outcome
    where C.Element: BenchPayload {
        await scenario(s, d, SuspendingWorkloadDriver<C, C.Element>(channel: channel))
    }

    /// The consumer's schedule: message `i` is taken no earlier than start + i × delay, so
    /// the average rate holds although Linux timer slack makes short sleeps late.
    private static func consumerPacer(_ s: MemoryScenario) -> Pacer? {
        s.consumerDelayNanoseconds == 0 ? nil
            : Pacer(start: monotonicNanoseconds(), intervalNanoseconds: Double(s.consumerDelayNanoseconds))
    }

    private static func expectedSeconds(_ s: MemoryScenario) -> Double {
        Double(s.messages) * Double(s.consumerDelayNanoseconds) / 1e9 + 10
    }

    /// Splits `total` messages over `producers`, the first ones taking the remainder.
    static func share(of producer: Int, total: Int, producers: Int) -> Range<Int> {
        let base = total / producers, extra = total % producers
        let start = producer * base + min(producer, extra)
        return start..<(start + base + (producer < extra ? 1 : 0))
    }

    /// The scenario, once for threads and tasks: the producers' shares, the last producer
    /// closing the channel, the paced consumer draining it, the sampler around them all.
    private static func scenario<D: MemoryWorkloadDriver>(_ s: MemoryScenario, _ d: ChannelDescriptor, _ channel: D) async -> Outcome {
        let counters = TrafficCounters(producers: s.producers)
        let probe = MemoryProbe()
        let sampler = MemorySampler(intervalMilliseconds: s.intervalMilliseconds,
                                    expectedSeconds: expectedSeconds(s), probe: probe, counters: counters,
                                    queued: { channel.count })
        var roles = (0..<s.producers).map { p in
            channel.memoryProducer(share(of: p, total: s.messages, producers: s.producers), bytes: s.messageBytes,
                                   counters: counters, then: { if counters.producerFinished() { channel.close() } })
        }
        roles.append(channel.memoryConsumer(pacer: { consumerPacer(s) }, counters: counters,
                                            then: { counters.consumerEnd.store(monotonicNanoseconds(), ordering: .relaxed) }))
        let baseline = probe.read().allocatedBytes
        let start = monotonicNanoseconds()
        sampler.start()
        // No deadline here: `memory --run-timeout` ends the whole child process.
        await D.workers(roles).run()
        let afterDrain = probe.read().allocatedBytes
        let samples = sampler.stop()
        let summary = MemoryRunSummary(
            scenario: s, family: d.family, baselineBytes: baseline,
            peakBytes: samples.map(\.reading.allocatedBytes).max() ?? baseline,
            peakQueued: samples.map(\.queued).max() ?? 0,
            afterDrainBytes: afterDrain - baseline,
            producerSeconds: Double(counters.producerEnd.load(ordering: .relaxed) - start) / 1e9,
            consumerSeconds: Double(counters.consumerEnd.load(ordering: .relaxed) - start) / 1e9,
            delivered: counters.received.load(ordering: .relaxed), file: "")
        return Outcome(samples: samples, summary: summary)
    }
}
