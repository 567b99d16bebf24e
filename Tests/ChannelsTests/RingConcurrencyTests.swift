import Channels
import Testing

/// Exactly-once delivery and per-producer FIFO with many threads, including far more threads
/// than the machine has cores (which only terminates if waiting parks instead of spinning).
@Suite struct RingConcurrencyTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        let producers: Int, consumers: Int, capacity: Int, perProducer: Int
        var testDescription: String { "\(producers)x\(consumers) cap \(capacity)" }
    }

    @Test(arguments: [
        Shape(producers: 4, consumers: 4, capacity: 1024, perProducer: 25_000),
        Shape(producers: 4, consumers: 4, capacity: 3, perProducer: 25_000),
        Shape(producers: 4, consumers: 1, capacity: 7, perProducer: 25_000),
        Shape(producers: 16, consumers: 16, capacity: 1024, perProducer: 4_000),
        Shape(producers: 16, consumers: 16, capacity: 1, perProducer: 2_000),
    ])
    func exactlyOnceAndPerProducerFIFO(shape: Shape) async {
        let ring = RingChannel<Int>(capacity: shape.capacity)
        let total = shape.producers * shape.perProducer
        let producersDone = SharedCounter()
        let log = ThreadLog<Int>(threads: shape.consumers)
        let delivered = SharedCounter()
        await runRingThreads(shape.producers + shape.consumers, progress: { delivered.value },
                             onHang: { ring.close() }) { role in
            if role < shape.producers {
                // Message = producer * perProducer + sequence number.
                for i in 0..<shape.perProducer { try? ring.send(role * shape.perProducer + i) }
                if producersDone.increment() == shape.producers { ring.close() }
            } else {
                let me = role - shape.producers
                while let v = ring.receive() {
                    log[me].append(v)
                    delivered.increment()
                }
            }
        }
        var seen = [Int](repeating: 0, count: total)
        var outOfOrder = 0
        for consumerLog in log.entries {
            // Each consumer must see every producer's messages in increasing order.
            var last = [Int](repeating: -1, count: shape.producers)
            for v in consumerLog {
                guard v >= 0 && v < total else { Issue.record("foreign value \(v)"); continue }
                seen[v] += 1
                let p = v / shape.perProducer
                if v <= last[p] { outOfOrder += 1 }
                last[p] = v
            }
        }
        #expect(seen.allSatisfy { $0 == 1 }, "lost: \(seen.count { $0 == 0 }), duplicated: \(seen.count { $0 > 1 })")
        #expect(outOfOrder == 0)
        #expect(ring.count == 0)
        #expect(ring.parkedThreads == (0, 0))
    }

    /// Receivers that only use `tryReceive` (never park) still get everything exactly once,
    /// while blocking senders park on a tiny ring and must be woken by those receivers.
    @Test func tryReceiveConsumersWakeParkedSenders() async {
        let ring = RingChannel<Int>(capacity: 2)
        let producers = 4, perProducer = 10_000, consumers = 2
        let received = ThreadLog<Int>(threads: consumers)
        let producersDone = SharedCounter()
        let delivered = SharedCounter()
        await runRingThreads(producers + consumers, progress: { delivered.value }, onHang: { ring.close() }) { role in
            if role < producers {
                for i in 0..<perProducer { try? ring.send(role * perProducer + i) }
                if producersDone.increment() == producers { ring.close() }
            } else {
                loop: while true {
                    switch ring.tryReceive() {
                    case .value(let v):
                        received[role - producers].append(v)
                        delivered.increment()
                    case .empty: continue
                    case .closed: break loop
                    }
                }
            }
        }
        let all = received.entries.flatMap { $0 }.sorted()
        #expect(all == Array(0..<(producers * perProducer)))
    }
}
