import Channels
import Testing

/// Capacity bounds: `count` never exceeds the capacity, and `trySend` reports full at it.
@Suite struct BlockingCapacityTests {
    @Test("count never exceeds capacity under traffic", arguments: BlockingFlavors.cases(
        capacities: [.bounded(0), .bounded(1), .bounded(8)]))
    func countStaysWithinCapacity(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let limit = c.capacity.limit!
        let perProducer = TestScale.messages(c.capacity.isRendezvous ? 5_000 : 50_000)
        let maxSeen = NSLockedValue(0)
        let samples = Counter()
        let done = Flag()
        let received = Counter()
        let threads = TestThreads()
        threads.spawn {
            // The monitor: samples `count` for as long as traffic flows.
            var localMax = 0
            while !done.isSet {
                localMax = max(localMax, channel.count)
                samples.increment()
            }
            maxSeen.set(localMax)
        }
        let producersLeft = Counter()
        threads.spawn(2) { _ in
            for i in 0..<perProducer { try? channel.send(i) }
            producersLeft.increment()
            if producersLeft.current == 2 { channel.close() }
        }
        let consumers = TestThreads()
        consumers.spawn(2) { _ in
            while channel.receive() != nil { received.increment() }
        }
        await consumers.join(progress: { received.current }, rescue: channel.close)
        done.set()
        await threads.join(rescue: channel.close)
        #expect(received.current == 2 * perProducer)
        #expect(samples.current > 0)
        #expect(maxSeen.get() <= limit)
    }

    @Test("trySend fills to capacity, then reports full", arguments: BlockingFlavors.cases(
        capacities: [.bounded(1), .bounded(3), .bounded(16)]))
    func trySendReportsFullAtCapacity(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let limit = c.capacity.limit!
        for i in 0..<limit { #expect(channel.trySend(i) == .sent) }
        #expect(channel.count == limit)
        #expect(channel.trySend(-1) == .full)
        #expect(channel.send(-1, timeout: .milliseconds(5)) == .timedOut)
        #expect(channel.count == limit)
        #expect(await onThread(rescue: channel.close) { channel.receive() } == 0)
        #expect(channel.trySend(limit) == .sent)
        #expect(channel.trySend(-1) == .full)
        var drained: [Int] = []
        while case .value(let v) = channel.tryReceive() { drained.append(v) }
        #expect(drained == Array(1...limit))
        #expect(channel.count == 0)
    }

    @Test("unbounded: trySend never reports full", arguments: BlockingFlavors.cases(capacities: [.unbounded]))
    func unboundedNeverFull(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let n = 10_000
        for i in 0..<n { #expect(channel.trySend(i) == .sent) }
        #expect(channel.count == n)
        #expect(channel.capacity == .unbounded)
    }
}
