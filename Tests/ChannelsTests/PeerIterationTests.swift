import Channels
import Testing

/// Iterating a receiver (crossbeam's iter.rs: `recv_iter_break`, `nested_recv_iter`,
/// `recv_into_iter_owned`): leaving a loop early takes nothing more than the element it
/// stopped at, a later loop resumes there, and an iteration that outlives every sender still
/// yields everything they sent and then ends, for good.
@Suite struct PeerIterationTests {
    static let n = 10
    static let stopAt = 3

    // MARK: blocking

    @Test("blocking: breaking out of for-in takes nothing more, and the next loop resumes", arguments: BlockingFlavors.cases())
    func blockingBreakThenResume(_ c: BlockingCase) async {
        var (tx, rxOrNil) = makeHandles(c, of: Int.self)
        let producer = HandOver(tx!)
        let rx = rxOrNil!
        release(&tx)
        release(&rxOrNil)
        let threads = TestThreads()
        threads.spawn {
            guard let tx = producer.take() else { return }
            for i in 0..<Self.n { try? tx.send(i) }
        }
        let loops = await onThread(rescue: rx.channel.close) { () -> ([Int], [Int]) in
            var first: [Int] = [], second: [Int] = []
            for v in rx {
                first.append(v)
                if v == Self.stopAt { break }
            }
            for v in rx { second.append(v) }
            return (first, second)
        }
        await threads.join(rescue: rx.channel.close)
        #expect(loops?.0 == Array(0...Self.stopAt))
        #expect(loops?.1 == Array((Self.stopAt + 1)..<Self.n))
    }

    /// At buffered capacities every sender is gone before the iteration starts; at capacity 0
    /// the last send completes inside the iteration and its sender goes while it runs. The
    /// iterator holds the only receiver handle, as an owning iterator would.
    @Test("blocking: iteration that outlives every sender gets all they sent, then ends for good", arguments: BlockingFlavors.cases())
    func blockingIterationOutlivesSenders(_ c: BlockingCase) async {
        var (tx, rx) = makeHandles(c, of: Int.self)
        let count = c.capacity.isRendezvous ? Self.n : min(c.capacity.limit ?? Self.n, Self.n)
        let producers = [HandOver(tx!), HandOver(tx!.clone())]
        let receiver = HandOver(rx!)
        let channel = rx!.channel
        release(&tx)
        release(&rx)
        let threads = TestThreads()
        threads.spawn(2) { p in
            guard let tx = producers[p].take() else { return }
            for i in stride(from: p, to: count, by: 2) { try? tx.send(i) }
        }
        if !c.capacity.isRendezvous {
            await threads.join(rescue: channel.close)
            let closed = channel.isClosed
            #expect(closed, "releasing the last Sender closes the channel")
        }
        let iterated = await onThread(rescue: channel.close) { () -> ([Int], Int?) in
            guard var iterator = receiver.take()?.makeIterator() else { return ([], nil) }
            var got: [Int] = []
            while let v = iterator.next() { got.append(v) }
            return (got, iterator.next())
        }
        await threads.join(rescue: channel.close)
        #expect(iterated?.0.sorted() == Array(0..<count))
        #expect(iterated.map { $0.1 == nil } == true, "next() after the end returned a value")
    }

    // MARK: async

    @Test("async: breaking out of for-await takes nothing more, and the next loop resumes", arguments: AsyncCases.all)
    func asyncBreakThenResume(_ c: AsyncCase) async {
        await withWatchdog("break then resume \(c.testDescription)") {
            var (tx, rxOrNil) = makeAsyncHandles(c, of: Int.self)
            let producer = HandOver(tx!)
            let rx = rxOrNil!
            release(&tx)
            release(&rxOrNil)
            // A lossy channel gets no more than it holds, so nothing is dropped by design.
            let count = c.descriptor.lossy ? min(c.limit!, Self.n) : Self.n
            let stopAt = min(Self.stopAt, count - 1)
            let sending = Task {
                guard let tx = producer.take() else { return }
                for i in 0..<count { try? await tx.send(i) }
            }
            if c.descriptor.lossy { await sending.value }
            var first: [Int] = [], second: [Int] = []
            for await v in rx {
                first.append(v)
                if v == stopAt { break }
            }
            for await v in rx { second.append(v) }
            await sending.value
            #expect(first == Array(0...stopAt))
            #expect(second == Array((stopAt + 1)..<count))
        }
    }

    @Test("async: iteration that outlives every sender gets all they sent, then ends for good", arguments: AsyncCases.all)
    func asyncIterationOutlivesSenders(_ c: AsyncCase) async {
        await withWatchdog("outlives senders \(c.testDescription)") {
            var (tx, rx) = makeAsyncHandles(c, of: Int.self)
            let fill = c.fillWithoutWaiting
            // Every sender can finish before iterating starts only if the channel holds it all.
            let senderFirst = fill > 0
            let count = senderFirst ? min(fill, Self.n) : Self.n
            let producers = [HandOver(tx!), HandOver(tx!.clone())]
            let receiver = HandOver(rx!)
            let channel = rx!.channel
            release(&tx)
            release(&rx)
            let sending = Task {
                await withTaskGroup(of: Void.self) { group in
                    for p in 0..<2 {
                        group.addTask {
                            guard let tx = producers[p].take() else { return }
                            for i in stride(from: p, to: count, by: 2) { try? await tx.send(i) }
                        }
                    }
                }
            }
            if senderFirst {
                await sending.value
                // A local, not a channel member, in #expect: see PeerHandleDropTests.
                let closed = channel.isClosed
                #expect(closed, "releasing the last AsyncSender closes the channel")
            }
            guard var iterator = receiver.take()?.makeAsyncIterator() else { return }
            var got: [Int] = []
            while let v = await iterator.next() { got.append(v) }
            let afterEnd = await iterator.next()
            await sending.value
            #expect(got.sorted() == Array(0..<count))
            #expect(afterEnd == nil, "next() after the end returned a value")
        }
    }
}
