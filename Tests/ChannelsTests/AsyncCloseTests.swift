import Testing
import Channels

/// close(), handle release and memory release of every async implementation.
@Suite struct AsyncCloseTests {
    /// Buffered elements survive close: they are received in order, then `nil` for ever.
    @Test(arguments: AsyncCases.buffering)
    func closeDrainsThenEnds(_ c: AsyncCase) async {
        await withWatchdog("close drains \(c.testDescription)") {
            let channel = c.make(Int.self)
            let k = min(c.fillWithoutWaiting, 8)
            for i in 0..<k { try? await channel.send(i) }
            channel.close()
            #expect(channel.isClosed)
            #expect(await drain(channel) == Array(0..<k))
            #expect(await channel.receive() == nil)
            #expect(channel.count == 0)
        }
    }

    /// After close (twice: it is idempotent) every send fails with `ChannelClosedError`, every
    /// receive ends, and the try/timeout variants say `.closed` at once.
    @Test(arguments: AsyncCases.all)
    func sendAfterCloseFails(_ c: AsyncCase) async {
        await withWatchdog("send after close \(c.testDescription)") {
            let channel = c.make(Int.self)
            channel.close()
            channel.close()
            #expect(channel.isClosed)
            await #expect(throws: ChannelClosedError.self) { try await channel.send(1) }
            #expect(await channel.receive() == nil)
            if let timed = channel as? any TimedSuspendingChannel<Int> {
                #expect(timed.trySend(2) == .closed)
                #expect(await timed.send(3, timeout: .seconds(5)) == .closed)
                #expect(timed.tryReceive() == .closed)
                #expect(await timed.receive(timeout: .seconds(5)) == .closed)
            }
            #expect(await drain(channel).isEmpty, "a failed send was delivered")
        }
    }

    /// Receivers suspended on an empty channel all return `nil` when it is closed.
    @Test(arguments: AsyncCases.all)
    func closeWakesSuspendedReceivers(_ c: AsyncCase) async {
        await withWatchdog("close wakes receivers \(c.testDescription)") {
            let channel = c.make(Int.self)
            let receivers = c.descriptor.multiConsumer ? 3 : 1
            let woke = SharedCounter()
            let tasks = (0..<receivers).map { _ in
                Task {
                    let v = await channel.receive()
                    woke.increment()
                    return v
                }
            }
            await letOthersRun()
            let wokeEarly = woke.value
            #expect(wokeEarly == 0, "receive returned on an empty open channel")
            channel.close()
            for t in tasks { #expect(await t.value == nil) }
        }
    }

    /// Senders suspended on a full channel all wake when it is closed, and none lies: a send
    /// that threw `ChannelClosedError` was not delivered, and one that returned normally was
    /// (except where the descriptor declares it cannot know: `.mayReturnUndelivered`).
    @Test(arguments: AsyncCases.backpressured)
    func closeWakesSuspendedSenders(_ c: AsyncCase) async {
        await withWatchdog("close wakes senders \(c.testDescription)") {
            let channel = c.make(Int.self)
            // A watermark channel buffers the element that reaches the mark and then makes its
            // sender wait, so fill to one below.
            let fill = c.fillWithoutWaiting
            for i in 0..<fill { try? await channel.send(i) }
            enum Outcome: Sendable, Equatable { case sent, closed, failed(String) }
            let finished = SharedCounter()
            let senders = (0..<3).map { i in
                Task { () -> (Int, Outcome) in
                    defer { finished.increment() }
                    do {
                        try await channel.send(1_000 + i)
                        return (1_000 + i, .sent)
                    } catch is ChannelClosedError {
                        return (1_000 + i, .closed)
                    } catch {
                        return (1_000 + i, .failed("\(error)"))
                    }
                }
            }
            await letOthersRun()
            let finishedEarly = finished.value
            #expect(finishedEarly == 0, "send completed on a full channel (no backpressure)")
            channel.close()
            var outcomes: [Int: Outcome] = [:]
            for s in senders {
                let (v, o) = await s.value
                outcomes[v] = o
            }
            let received = await drain(channel)
            #expect(Array(received.prefix(fill)) == Array(0..<fill), "buffered elements lost by close")
            #expect(Set(received).count == received.count, "duplicate delivery")
            let unconfirmed = c.descriptor.sendPendingAtClose == .mayReturnUndelivered
            for (v, o) in outcomes.sorted(by: { $0.key < $1.key }) {
                switch o {
                case .closed: #expect(!received.contains(v), "send of \(v) threw but was delivered")
                case .sent: if !unconfirmed { #expect(received.contains(v), "send of \(v) returned but was not delivered") }
                case .failed(let e): Issue.record("send of \(v) failed with \(e)")
                }
            }
        }
    }

    /// Releasing the last `AsyncSender` (clones included) closes the channel, so `for await`
    /// over the `AsyncReceiver` ends after the last message.
    @Test(arguments: AsyncCases.all)
    func lastSenderReleasedEndsIteration(_ c: AsyncCase) async {
        await withWatchdog("last sender \(c.testDescription)") {
            let received = await Self.runPipeline(c).value
            if c.descriptor.lossy {
                #expect(Set(received).count == received.count && received.allSatisfy { (0..<100).contains($0) })
            } else {
                #expect(received.sorted() == Array(0..<100))
            }
        }
    }

    /// Starts a consumer and two producers (a sender and its clone) and returns the consumer;
    /// no sender outlives its producer task.
    private static func runPipeline(_ c: AsyncCase) -> Task<[Int], Never> {
        let (tx, rx) = try! makeAsyncChannel(of: Int.self, implementation: c.name, capacity: c.capacity)
        let consumer = Task {
            var got: [Int] = []
            for await v in rx { got.append(v) }
            return got
        }
        let clone = tx.clone()
        Task { for i in 0..<50 { try? await tx.send(i) } }
        Task { for i in 50..<100 { try? await clone.send(i) } }
        return consumer
    }

    /// Dropping a channel releases every element it still holds: buffered ones, and at
    /// capacity 0 the element of a sender failed by close.
    @Test(arguments: AsyncCases.all)
    func undeliveredReleasedOnDrop(_ c: AsyncCase) async {
        await withWatchdog("release on drop \(c.testDescription)") {
            let live = LiveCount()
            await Self.fillAndDrop(c, live)
            #expect(live.value == 0, "\(live.value) undelivered messages leaked")
        }
    }

    private static func fillAndDrop(_ c: AsyncCase, _ live: LiveCount) async {
        let channel = c.make(LiveTracked.self)
        let k = min(c.fillWithoutWaiting, 8)
        for i in 0..<k { try? await channel.send(LiveTracked(i, live)) }
        if k > 1 {
            #expect(await channel.receive()?.value == 0)
        }
        #expect(live.value == (k > 1 ? k - 1 : k))
        if c.capacity.isRendezvous {
            let sender = Task { try? await channel.send(LiveTracked(99, live)) }
            await letOthersRun()
            channel.close()
            await sender.value
        }
    }
}
