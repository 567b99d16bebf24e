import Channels
import Testing

/// Ring-specific ordering and bound checks: many laps around small, odd-sized rings, where the
/// index/lap arithmetic for non-power-of-two capacities is exercised on every wrap.
@Suite struct RingOrderingTests {
    /// Sequential model check: random-ish trySend/tryReceive mix against an array model,
    /// for thousands of laps; `count` and full/empty answers must match the model exactly.
    @Test(arguments: [1, 2, 3, 5, 7, 8, 9])
    func wrapAroundMatchesModel(capacity: Int) {
        let ring = RingChannel<Int>(capacity: capacity)
        var model: [Int] = []
        var next = 0
        var rng = SplitMix(seed: UInt64(capacity))
        for _ in 0..<20_000 {
            if rng.next() % 2 == 0 {
                let result = ring.trySend(next)
                if model.count < capacity {
                    #expect(result == .sent)
                    model.append(next)
                    next += 1
                } else {
                    #expect(result == .full)
                }
            } else {
                let result = ring.tryReceive()
                if model.isEmpty {
                    #expect(result == .empty)
                } else {
                    #expect(result == .value(model.removeFirst()))
                }
            }
            #expect(ring.count == model.count)
        }
        #expect(next / capacity >= 500, "the mix should have wrapped hundreds of times")
    }

    /// One producer thread, one consumer: FIFO across many laps with blocking send/receive.
    @Test(arguments: [1, 2, 3, 7])
    func blockingFIFOAcrossLaps(capacity: Int) async {
        let ring = RingChannel<Int>(capacity: capacity)
        let messages = TestScale.messages(20_000)
        let received = ThreadLog<Int>(threads: 1)
        let delivered = SharedCounter()
        await runRingThreads(2, progress: { delivered.value }, onHang: { ring.close() }) { role in
            if role == 0 {
                for i in 0..<messages { try? ring.send(i) }
                ring.close()
            } else {
                while let v = ring.receive() {
                    received[0].append(v)
                    delivered.increment()
                }
            }
        }
        #expect(received[0] == Array(0..<messages))
    }

    /// Fill exactly to a non-power-of-two capacity: `capacity` sends succeed, the next is full.
    @Test(arguments: [1, 3, 5, 6, 7, 100])
    func trySendReportsFullAtExactCapacity(capacity: Int) {
        let ring = RingChannel<Int>(capacity: capacity)
        for lap in 0..<3 {
            for i in 0..<capacity { #expect(ring.trySend(i) == .sent, "lap \(lap) send \(i)") }
            #expect(ring.trySend(-1) == .full)
            #expect(ring.count == capacity)
            for i in 0..<capacity { #expect(ring.tryReceive() == .value(i)) }
            #expect(ring.tryReceive() == .empty)
            #expect(ring.count == 0)
        }
    }

    /// Under concurrent senders and receivers, an observer never sees `count` above a
    /// non-power-of-two capacity (where the internal index space is larger than the ring).
    @Test(arguments: [3, 5])
    func countNeverExceedsCapacityUnderContention(capacity: Int) async {
        let ring = RingChannel<Int>(capacity: capacity)
        let producers = 3, consumers = 2, perProducer = TestScale.messages(20_000)
        let perConsumer = producers * perProducer / consumers
        let consumersDone = SharedCounter()
        let observed = ThreadLog<Int>(threads: 1)
        let delivered = SharedCounter()
        await runRingThreads(producers + consumers + 1, progress: { delivered.value }, onHang: { ring.close() }) { role in
            if role < producers {
                for i in 0..<perProducer { try? ring.send(i) }
            } else if role < producers + consumers {
                for _ in 0..<perConsumer {
                    _ = ring.receive()
                    delivered.increment()
                }
                consumersDone.increment()
            } else {
                var highest = 0, samples = 0
                while consumersDone.value < consumers {
                    highest = max(highest, ring.count)
                    samples += 1
                }
                observed[0] = [highest, samples]
            }
        }
        let highest = observed[0].first ?? -1
        #expect(highest >= 0 && highest <= capacity, "observed count \(highest) with capacity \(capacity)")
        #expect(ring.count == 0)
    }
}
