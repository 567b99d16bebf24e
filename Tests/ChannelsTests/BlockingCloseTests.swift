import Channels
import Testing

/// Close semantics: drain then end, send after close fails, close wakes every waiter, and the
/// handles close the channel when the last sender (or receiver) goes away.
@Suite struct BlockingCloseTests {
    @Test("close keeps buffered messages: receivers drain, then get nil", arguments: BlockingFlavors.bufferedCases())
    func closeDrainsThenEnds(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let n = min(c.capacity.limit ?? 10, 10)
        for i in 0..<n { #expect(channel.trySend(i) == .sent) }
        channel.close()
        #expect(channel.isClosed)
        #expect(channel.count == n)
        let drained = await onThread(rescue: channel.close) {
            var values: [Int] = []
            while let value = channel.receive() { values.append(value) }
            return values
        }
        #expect(drained == Array(0..<n))
        #expect(await onThread(rescue: channel.close) { channel.receive() } == .some(nil))
        #expect(channel.tryReceive() == .closed)
        #expect(channel.receive(timeout: .seconds(5)) == .closed)
    }

    @Test("send after close fails; close is idempotent", arguments: BlockingFlavors.cases())
    func sendAfterCloseFails(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        channel.close()
        channel.close()
        #expect(channel.isClosed)
        #expect(throws: ChannelClosedError()) { try channel.send(1) }
        #expect(channel.trySend(2) == .closed)
        #expect(channel.send(3, timeout: .seconds(5)) == .closed)
        #expect(channel.count == 0)
        #expect(await onThread(rescue: channel.close) { channel.receive() } == .some(nil))
        #expect(channel.tryReceive() == .closed)
    }

    @Test("close wakes every blocked receiver", arguments: BlockingFlavors.cases())
    func closeWakesReceivers(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let woken = Counter(), gotNil = Counter()
        let threads = TestThreads()
        threads.spawn(4) { _ in
            if channel.receive() == nil { gotNil.increment() }
            woken.increment()
        }
        threads.spawn(2) { _ in
            if channel.receive(timeout: .seconds(3600)) == .closed { gotNil.increment() }
            woken.increment()
        }
        pause(milliseconds: 100)
        #expect(woken.current == 0)
        channel.close()
        await threads.join()
        #expect(woken.current == 6)
        #expect(gotNil.current == 6)
    }

    @Test("close wakes every blocked sender", arguments: BlockingFlavors.cases(capacities: [.bounded(0), .bounded(1), .bounded(4)]))
    func closeWakesSenders(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let limit = c.capacity.limit!
        for i in 0..<limit { #expect(channel.trySend(i) == .sent) }
        let failed = Counter(), finished = Counter()
        let threads = TestThreads()
        threads.spawn(4) { i in
            if (try? channel.send(100 + i)) == nil { failed.increment() }
            finished.increment()
        }
        threads.spawn(2) { i in
            if channel.send(200 + i, timeout: .seconds(3600)) == .closed { failed.increment() }
            finished.increment()
        }
        pause(milliseconds: 100)
        #expect(finished.current == 0)
        channel.close()
        await threads.join()
        #expect(finished.current == 6)
        #expect(failed.current == 6)
        // What was buffered before close is still delivered, and nothing else.
        let drained = await onThread(rescue: channel.close) {
            var values: [Int] = []
            while let value = channel.receive() { values.append(value) }
            return values
        }
        #expect(drained == Array(0..<limit))
    }

    @Test("releasing the last Sender ends the receiver's for-in loop", arguments: BlockingFlavors.cases())
    func lastSenderEndsIteration(_ c: BlockingCase) async throws {
        var (tx, rxOrNil) = try makeReleasablePair(c)
        let rx = rxOrNil!
        rxOrNil = nil
        let perProducer = 1_000
        let handles = (0..<3).map { _ in HandOver(tx!.clone()) }
        tx = nil
        #expect(!rx.channel.isClosed, "clones keep the channel open")
        let threads = TestThreads()
        threads.spawn(3) { p in
            guard let sender = handles[p].take() else { return }
            for i in 0..<perProducer { try? sender.send(p * perProducer + i) }
            // `sender` is released here; the last one closes the channel.
        }
        let received = ResultBox<Int>()
        let consumer = TestThreads()
        consumer.spawn {
            var n = 0
            for _ in rx { n += 1 }
            received.set(n)
        }
        await consumer.join(rescue: rx.channel.close)
        await threads.join(rescue: rx.channel.close)
        #expect(received.value == 3 * perProducer)
        #expect(rx.channel.isClosed)
    }

    @Test("releasing the last Receiver fails blocked and later sends", arguments: BlockingFlavors.smallBoundedCases)
    func lastReceiverGoneFailsSenders(_ c: BlockingCase) async throws {
        var (txOrNil, rx) = try makeReleasablePair(c)
        let tx = txOrNil!
        txOrNil = nil
        #expect(rx != nil)
        while tx.trySend(0) == .sent {}
        let failed = Flag()
        let threads = TestThreads()
        threads.spawn {
            if (try? tx.send(1)) == nil { failed.set() }
        }
        pause(milliseconds: 50)
        rx = nil
        await threads.join(rescue: tx.channel.close)
        #expect(failed.isSet)
        #expect(tx.trySend(2) == .closed)
    }
}

/// A handle pair held in optionals, so a test can release one handle at a precise point (a
/// plain `let` may keep it alive to the end of the scope in debug builds).
private func makeReleasablePair(_ c: BlockingCase) throws -> (Sender<Int>?, Receiver<Int>?) {
    let (tx, rx) = try makeChannel(of: Int.self, implementation: c.descriptor.name, capacity: c.capacity)
    return (tx, rx)
}
