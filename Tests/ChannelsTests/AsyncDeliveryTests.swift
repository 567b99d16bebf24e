import Testing
import Channels

/// Ordering and delivery invariants of every async implementation: FIFO, exactly-once under
/// contention, the lossy contract, and the capacity bound.
@Suite struct AsyncDeliveryTests {
    /// One producer, one consumer: elements arrive in send order (for a lossy channel, the
    /// kept ones do: strictly increasing, no duplicates).
    @Test(arguments: AsyncCases.all)
    func fifoForOneProducer(_ c: AsyncCase) async {
        await withWatchdog("FIFO \(c.testDescription)") {
            let channel = c.make(Int.self)
            let n = 10_000
            let producer = Task {
                for i in 0..<n { try await channel.send(i) }
                channel.close()
            }
            let received = await drain(channel)
            #expect((try? await producer.value) != nil, "send failed on an open channel")
            if c.descriptor.lossy {
                #expect(received.count <= n)
                #expect(zip(received, received.dropFirst()).allSatisfy { $0 < $1 }, "kept elements out of order or duplicated")
            } else {
                #expect(received == Array(0..<n))
            }
        }
    }

    /// 4 producers, 4 consumers (1 for single-consumer designs), 100 000 messages in total:
    /// every message is received exactly once, and each consumer sees each producer's
    /// messages in send order.
    @Test(arguments: AsyncCases.nonLossy)
    func exactlyOnceUnderContention(_ c: AsyncCase) async {
        await withWatchdog("exactly-once \(c.testDescription)", seconds: 600) {
            let channel = c.make(Int.self)
            let producers = 4, consumers = c.descriptor.multiConsumer ? 4 : 1
            let perProducer = 25_000, total = producers * perProducer
            let results = Collector<[Int]>()
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<consumers {
                    group.addTask { results.append(await drain(channel)) }
                }
                await withTaskGroup(of: Void.self) { senders in
                    for p in 0..<producers {
                        senders.addTask {
                            for i in 0..<perProducer {
                                do { try await channel.send(p * perProducer + i) } catch {
                                    Issue.record("send failed on an open channel: \(error)"); return
                                }
                            }
                        }
                    }
                }
                channel.close()
            }
            var seen = [Bool](repeating: false, count: total)
            var duplicates = 0, received = 0
            for batch in results.all {
                received += batch.count
                var last = [Int](repeating: -1, count: producers)
                for v in batch {
                    if seen[v] { duplicates += 1 }
                    seen[v] = true
                    let p = v / perProducer
                    #expect(v > last[p], "producer \(p)'s messages reordered")
                    last[p] = v
                }
            }
            #expect(duplicates == 0)
            #expect(received == total, "lost \(total - received) messages")
            #expect(seen.allSatisfy { $0 })
        }
    }

    /// A lossy channel may drop, but never delivers more than was sent, never duplicates,
    /// keeps each producer's order, and (where it reports drops) accounts for every message.
    @Test(arguments: AsyncCases.lossy)
    func lossyNeverInventsOrDuplicates(_ c: AsyncCase) async {
        await withWatchdog("lossy \(c.testDescription)") {
            let channel = c.make(Int.self)
            let producers = 4, perProducer = 25_000, total = producers * perProducer
            let consumer = Task { await drain(channel) }
            await withTaskGroup(of: Void.self) { group in
                for p in 0..<producers {
                    group.addTask {
                        for i in 0..<perProducer { try? await channel.send(p * perProducer + i) }
                    }
                }
            }
            channel.close()
            let received = await consumer.value
            #expect(received.count <= total)
            #expect(Set(received).count == received.count, "duplicates delivered")
            #expect(received.allSatisfy { (0..<total).contains($0) })
            var last = [Int](repeating: -1, count: producers)
            for v in received {
                #expect(v > last[v / perProducer], "producer order broken")
                last[v / perProducer] = v
            }
            if c.descriptor.delivery == .lossy(.counted) {
                #expect(received.count + (channel.droppedCount ?? 0) == total, "messages neither received nor counted as dropped")
            }
        }
    }

    /// While 4 producers push and a consumer pulls, `count` never exceeds the capacity. For a
    /// watermark channel the documented soft bound is checked instead: n + producers − 1 in
    /// the buffer, plus one for the element the consumer holds before the adapter's counter
    /// sees it. A rendezvous channel always reports 0.
    @Test(arguments: AsyncCases.backpressured)
    func countNeverExceedsCapacity(_ c: AsyncCase) async {
        await withWatchdog("count bound \(c.testDescription)") {
            let channel = c.make(Int.self)
            let producers = 4, perProducer = 3_000
            // The declared bound: the capacity, or the watermark's slack per producer on top.
            let bound = c.descriptor.countBound(capacity: c.capacity, producers: producers)!
            let maxSeen = SharedCounter()
            let done = SharedFlag()
            let sampler = Task {
                while !done.isSet {
                    let n = channel.count
                    maxSeen.raise(to: n)
                    await Task.yield()
                }
            }
            let consumer = Task {
                var got = 0
                while await channel.receive() != nil {
                    got += 1
                    maxSeen.raise(to: channel.count)
                    if got % 7 == 0 { await Task.yield() } // let the buffer fill up now and then
                }
                return got
            }
            await withTaskGroup(of: Void.self) { group in
                for p in 0..<producers {
                    group.addTask {
                        for i in 0..<perProducer {
                            try? await channel.send(p * perProducer + i)
                            maxSeen.raise(to: channel.count)
                        }
                    }
                }
            }
            channel.close()
            #expect(await consumer.value == producers * perProducer)
            done.set()
            await sampler.value
            let highest = maxSeen.value
            #expect(highest <= bound, "count reached \(highest), above \(bound)")
            #expect(channel.count == 0)
        }
    }
}
