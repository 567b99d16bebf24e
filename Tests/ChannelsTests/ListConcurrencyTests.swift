import Channels
import Foundation
import Testing

/// The list channel under concurrency: block ends crossed by many senders and receivers at
/// once, parking and waking, close.
@Suite struct ListConcurrencyTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        let producers: Int, consumers: Int, perProducer: Int
        var testDescription: String { "\(producers)x\(consumers)" }
    }

    /// Every message crosses some block end (31 slots each) while other threads claim slots
    /// on both sides of it; oversubscription (16x16 on any machine) only ends if waiting parks.
    @Test(arguments: [
        Shape(producers: 4, consumers: 4, perProducer: 25_000),
        Shape(producers: 4, consumers: 1, perProducer: 25_000),
        Shape(producers: 1, consumers: 4, perProducer: 50_000),
        Shape(producers: 16, consumers: 16, perProducer: 3_000),
    ])
    func blockEndsKeepExactlyOnceAndPerProducerFIFO(shape: Shape) async {
        let list = ListChannel<Int>()
        let perProducer = TestScale.messages(shape.perProducer)
        let total = shape.producers * perProducer
        let producersDone = SharedCounter()
        let log = ThreadLog<Int>(threads: shape.consumers)
        let delivered = SharedCounter()
        await runRingThreads(shape.producers + shape.consumers, progress: { delivered.value },
                             onHang: { list.close() }) { role in
            if role < shape.producers {
                for i in 0..<perProducer { try? list.send(role * perProducer + i) }
                if producersDone.increment() == shape.producers { list.close() }
            } else {
                let me = role - shape.producers
                while let v = list.receive() {
                    log[me].append(v)
                    delivered.increment()
                }
            }
        }
        #expect(checkExactlyOnceAndFIFO(log.entries, producers: shape.producers, perProducer: perProducer) == nil)
        #expect(delivered.value == total)
        #expect(list.count == 0)
        #expect(list.liveBlocks == 1, "every drained block was freed")
        #expect(list.parkedReceivers == 0)
    }

    /// Receivers that only poll (`tryReceive`) race senders across block ends.
    @Test func tryReceiveAcrossBlockEnds() async {
        let list = ListChannel<Int>()
        let producers = 3, consumers = 3
        let perProducer = TestScale.messages(20_000)
        let total = producers * perProducer
        let log = ThreadLog<Int>(threads: consumers)
        let delivered = SharedCounter()
        await runRingThreads(producers + consumers, progress: { delivered.value },
                             onHang: { list.close() }) { role in
            if role < producers {
                for i in 0..<perProducer { _ = list.trySend(role * perProducer + i) }
            } else {
                let me = role - producers
                while delivered.value < total {
                    if case .value(let v) = list.tryReceive() {
                        log[me].append(v)
                        delivered.increment()
                    } else {
                        sched_yield()
                    }
                }
            }
        }
        #expect(checkExactlyOnceAndFIFO(log.entries, producers: producers, perProducer: perProducer) == nil)
        #expect(list.tryReceive() == .empty)
    }

    @Test func parkedReceiversWakeOnSend() async {
        let list = ListChannel<Int>()
        let receivers = 5
        let outcomes = ThreadLog<Int?>(threads: receivers)
        let sender = ThreadLog<Bool>(threads: 1)
        await runRingThreads(receivers + 1, onHang: { list.close() }) { role in
            if role < receivers {
                outcomes[role].append(list.receive())
            } else {
                // Send only once every receiver really is asleep on the empty list.
                sender[0].append(eventually { list.parkedReceivers == receivers })
                for i in 0..<receivers { try? list.send(i) }
            }
        }
        #expect(sender[0] == [true], "receivers never parked")
        let received = outcomes.entries.flatMap { $0 }.compactMap { $0 }.sorted()
        #expect(received == Array(0..<receivers), "each parked receiver got one message")
    }

    @Test func parkedReceiversWakeOnClose() async {
        let list = ListChannel<Int>()
        let receivers = 5
        let outcomes = ThreadLog<Int?>(threads: receivers)
        let closer = ThreadLog<Bool>(threads: 1)
        await runRingThreads(receivers + 1, onHang: { list.close() }) { role in
            if role < receivers {
                outcomes[role].append(list.receive())
            } else {
                closer[0].append(eventually { list.parkedReceivers == receivers })
                list.close()
            }
        }
        #expect(closer[0] == [true], "receivers never parked")
        #expect(outcomes.entries.allSatisfy { $0 == [nil] })
    }

    @Test func closeDrainsAcrossBlocksThenEnds() throws {
        let list = ListChannel<Int>()
        let messages = 31 * 3 + 5
        for i in 0..<messages { try list.send(i) }
        list.close()
        list.close()  // idempotent
        #expect(list.isClosed)
        #expect(throws: ChannelClosedError.self) { try list.send(-1) }
        #expect(list.trySend(-1) == .closed)
        #expect(list.send(-1, timeout: .milliseconds(1)) == .closed)
        var drained: [Int] = []
        while let v = list.receive() { drained.append(v) }
        #expect(drained == Array(0..<messages))
        #expect(list.tryReceive() == .closed)
        #expect(list.receive(timeout: .seconds(1)) == .closed)
    }

    @Test(arguments: [0, 1, 20])
    func receiveTimeoutReturnsNoEarlierThanAsked(milliseconds: Int) {
        let list = ListChannel<Int>()
        let start = monotonicNanoseconds()
        #expect(list.receive(timeout: .milliseconds(milliseconds)) == .timedOut)
        #expect(monotonicNanoseconds() - start >= UInt64(milliseconds) * 1_000_000)
        #expect(list.parkedReceivers == 0)
    }
}

/// `nil` when every value `0 ..< producers * perProducer` (value = producer * perProducer +
/// sequence) appears exactly once and each consumer saw each producer's values in order;
/// otherwise what went wrong.
func checkExactlyOnceAndFIFO(_ logs: [[Int]], producers: Int, perProducer: Int) -> String? {
    let total = producers * perProducer
    var seen = [Int](repeating: 0, count: total)
    var outOfOrder = 0
    for consumerLog in logs {
        var last = [Int](repeating: -1, count: producers)
        for v in consumerLog {
            guard v >= 0 && v < total else { return "foreign value \(v)" }
            seen[v] += 1
            let p = v / perProducer
            if v <= last[p] { outOfOrder += 1 }
            last[p] = v
        }
    }
    let lost = seen.count { $0 == 0 }, duplicated = seen.count { $0 > 1 }
    if lost > 0 || duplicated > 0 || outOfOrder > 0 {
        return "lost \(lost), duplicated \(duplicated), out of order \(outOfOrder)"
    }
    return nil
}
