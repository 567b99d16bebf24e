import Synchronization
import Channels
import BenchSupport
import BenchModel

/// Runs one ``MemoryScenario`` in this process and returns its samples and summary.
///
/// Blocking implementations run on threads, async ones on tasks. Producers send as fast as
/// the channel lets them; one consumer takes messages at the paced rate and drains
/// everything; the sampler records memory from before the first send until after the drain.
package enum MemoryScenarioRunner {
    package struct Outcome: Sendable {
        package var samples: [MemorySample]
        package var summary: MemoryRunSummary
    }

    /// Runs the scenario with the benchmark payload type for its message size (inline value
    /// types up to 256 bytes, heap-backed beyond), each message stamped with its index.
    package static func run(_ scenario: MemoryScenario, descriptor: ChannelDescriptor) async -> Outcome {
        let n = scenario.messageBytes
        switch PayloadLayout(messageBytes: n) {
        case .inline(8): return await run(scenario, descriptor: descriptor) { InlinePayload8(byteCount: n, stamp: UInt64($0)) }
        case .inline(16): return await run(scenario, descriptor: descriptor) { InlinePayload16(byteCount: n, stamp: UInt64($0)) }
        case .inline(32): return await run(scenario, descriptor: descriptor) { InlinePayload32(byteCount: n, stamp: UInt64($0)) }
        case .inline(64): return await run(scenario, descriptor: descriptor) { InlinePayload64(byteCount: n, stamp: UInt64($0)) }
        case .inline(128): return await run(scenario, descriptor: descriptor) { InlinePayload128(byteCount: n, stamp: UInt64($0)) }
        case .inline(256): return await run(scenario, descriptor: descriptor) { InlinePayload256(byteCount: n, stamp: UInt64($0)) }
        case .inline, .heap: return await run(scenario, descriptor: descriptor) { HeapPayload(byteCount: n, stamp: UInt64($0)) }
        }
    }

    /// Runs the scenario with messages built by `make` (index → message).
    package static func run<Element: Sendable>(
        _ scenario: MemoryScenario,
        descriptor: ChannelDescriptor,
        make: @escaping @Sendable (Int) -> Element
    ) async -> Outcome {
        switch descriptor.maker {
        case .blocking:
            let channel = descriptor.makeBlocking(Element.self, capacity: scenario.capacity)!
            return runBlocking(scenario, descriptor, channel, make)
        case .suspending:
            let channel = descriptor.makeSuspending(Element.self, capacity: scenario.capacity)!
            return await runAsync(scenario, descriptor, channel, make)
        }
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

    private static func runBlocking<Element: Sendable>(
        _ s: MemoryScenario, _ d: ChannelDescriptor, _ channel: any BlockingChannel<Element>,
        _ make: @escaping @Sendable (Int) -> Element
    ) -> Outcome {
        let counters = TrafficCounters(producers: s.producers)
        let probe = MemoryProbe()
        let sampler = MemorySampler(intervalMilliseconds: s.intervalMilliseconds,
                                    expectedSeconds: expectedSeconds(s), probe: probe, counters: counters,
                                    queued: { channel.count })
        let done = CompletionLatch(count: s.producers + 1)
        let baseline = probe.read().allocatedBytes
        let start = monotonicNanoseconds()
        sampler.start()
        for p in 0..<s.producers {
            let range = share(of: p, total: s.messages, producers: s.producers)
            ThreadDriver.start {
                for i in range {
                    // Counted before the send: a consumer can take the message before this
                    // thread returns from send, and `received` must never pass `sent`.
                    counters.sent.wrappingAdd(1, ordering: .relaxed)
                    do { try channel.send(make(i)) } catch {
                        counters.sent.wrappingSubtract(1, ordering: .relaxed)
                        break
                    }
                }
                if counters.producerFinished() { channel.close() }
                done.countDown()
            }
        }
        ThreadDriver.start {
            let pacer = consumerPacer(s)
            var i = 0
            while channel.receive() != nil {
                counters.received.wrappingAdd(1, ordering: .releasing)
                i += 1
                if let pacer { Pacer.waitBlocking(until: pacer.intendedTime(i)) }
            }
            counters.consumerEnd.store(monotonicNanoseconds(), ordering: .relaxed)
            done.countDown()
        }
        // No deadline here: `memory --run-timeout` ends the whole child process.
        done.wait()
        let afterDrain = probe.read().allocatedBytes
        let samples = sampler.stop()
        return outcome(s, d, samples, baseline: baseline, afterDrain: afterDrain,
                       producerSeconds: Double(counters.producerEnd.load(ordering: .relaxed) - start) / 1e9,
                       consumerSeconds: Double(counters.consumerEnd.load(ordering: .relaxed) - start) / 1e9,
                       delivered: counters.received.load(ordering: .relaxed))
    }

    private static func runAsync<Element: Sendable>(
        _ s: MemoryScenario, _ d: ChannelDescriptor, _ channel: any SuspendingChannel<Element>,
        _ make: @escaping @Sendable (Int) -> Element
    ) async -> Outcome {
        let counters = TrafficCounters(producers: s.producers)
        let probe = MemoryProbe()
        let sampler = MemorySampler(intervalMilliseconds: s.intervalMilliseconds,
                                    expectedSeconds: expectedSeconds(s), probe: probe, counters: counters,
                                    queued: { channel.count })
        let baseline = probe.read().allocatedBytes
        let start = monotonicNanoseconds()
        sampler.start()
        let consumerEnd = await withTaskGroup(of: UInt64?.self) { group in
            for p in 0..<s.producers {
                let range = share(of: p, total: s.messages, producers: s.producers)
                group.addTask {
                    for i in range {
                        counters.sent.wrappingAdd(1, ordering: .relaxed)  // before: see above
                        do { try await channel.send(make(i)) } catch {
                            counters.sent.wrappingSubtract(1, ordering: .relaxed)
                            break
                        }
                    }
                    if counters.producerFinished() { channel.close() }
                    return nil
                }
            }
            group.addTask {
                let pacer = consumerPacer(s)
                var i = 0
                while await channel.receive() != nil {
                    counters.received.wrappingAdd(1, ordering: .releasing)
                    i += 1
                    if let pacer { await Pacer.waitSuspending(until: pacer.intendedTime(i)) }
                }
                return monotonicNanoseconds()
            }
            var end: UInt64 = 0
            for await r in group { if let r { end = r } }
            return end
        }
        let afterDrain = probe.read().allocatedBytes
        let samples = sampler.stop()
        return outcome(s, d, samples, baseline: baseline, afterDrain: afterDrain,
                       producerSeconds: Double(counters.producerEnd.load(ordering: .relaxed) - start) / 1e9,
                       consumerSeconds: Double(consumerEnd - start) / 1e9,
                       delivered: counters.received.load(ordering: .relaxed))
    }

    private static func outcome(
        _ s: MemoryScenario, _ d: ChannelDescriptor, _ samples: [MemorySample],
        baseline: Int, afterDrain: Int, producerSeconds: Double, consumerSeconds: Double, delivered: Int
    ) -> Outcome {
        let summary = MemoryRunSummary(
            scenario: s, family: d.family, baselineBytes: baseline,
            peakBytes: samples.map(\.reading.allocatedBytes).max() ?? baseline,
            peakQueued: samples.map(\.queued).max() ?? 0,
            afterDrainBytes: afterDrain - baseline,
            producerSeconds: producerSeconds, consumerSeconds: consumerSeconds,
            delivered: delivered, file: "")
        return Outcome(samples: samples, summary: summary)
    }
}
