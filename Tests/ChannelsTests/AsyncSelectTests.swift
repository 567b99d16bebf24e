import Testing
@testable import Channels

/// `AsyncSelect` over actor channels: which operation a select performs, what wakes it, and
/// that a select which times out performed nothing.
@Suite struct AsyncSelectTests {
    @Test func actorDescriptorTakesPartInTheAsyncSelect() {
        #expect(ChannelDescriptor.actor.select == .async)
    }

    /// The one ready receive is the one performed; the others took nothing.
    @Test func tryWaitPerformsTheReadyReceive() {
        let channels = (0..<3).map { _ in ActorChannel<Int>(capacity: .bounded(4)) }
        #expect(channels[1].trySend(7) == .sent)
        var select = AsyncSelect<Picked>()
        select.receive(fromEach: channels)
        #expect(select.tryWait() == .received(channel: 1, element: 7))
        #expect(channels.map(\.count) == [0, 0, 0])
    }

    /// A select built once sends the element current at each wait, whether it finds room at
    /// once or waits for it.
    @Test func aSelectBuiltOnceSendsTheElementOfEachWait() async throws {
        let channel = ActorChannel<Int>(capacity: .bounded(1))
        var next = 1
        var select = AsyncSelect<Bool>()
        select.send(to: channel, element: { next }) { (try? $0.get()) != nil }
        #expect(select.tryWait() == true)
        next = 2
        #expect(select.tryWait() == nil, "the channel holds 1 and has no room")
        let receiver = Task {
            var got: [Int?] = []
            for _ in 0..<2 { got.append(await channel.receive()) }
            return got
        }
        #expect(try await select.wait() == true)
        #expect(await receiver.value == [1, 2])
    }

    /// Nothing ready: `nil`, and nothing was taken or delivered.
    @Test func tryWaitWithNothingReadyPerformsNothing() {
        let empty = ActorChannel<Int>(capacity: .bounded(1))
        let full = ActorChannel<Int>(capacity: .bounded(1))
        #expect(full.trySend(1) == .sent)
        var select = AsyncSelect<Picked>()
        select.receive(from: empty) { .received(channel: 0, element: $0) }
        select.send(2, toEach: [full])
        #expect(select.tryWait() == nil)
        #expect(empty.count == 0)
        #expect(drainNow(full) == [1])
    }

    /// A send to a closed channel is ready and fails; a receive from a closed, drained one gets nil.
    @Test func closedChannelsAreReady() {
        let closed = ActorChannel<Int>(capacity: .bounded(1))
        closed.close()
        var sending = AsyncSelect<Picked>()
        sending.send(1, toEach: [closed])
        #expect(sending.tryWait() == .sendFailed(channel: 0))
        var receiving = AsyncSelect<Picked>()
        receiving.receive(fromEach: [closed])
        #expect(receiving.tryWait() == .received(channel: 0, element: nil))
    }

    /// Starts `select` in its own task, lets it suspend, runs `wake` and returns what the select did.
    private func outcome(of select: sending AsyncSelect<Picked>, wokenBy wake: @Sendable () async -> Void) async -> AsyncSelectOutcome {
        let waiter = Task { [select] in await select.outcome() }
        await letOthersRun()
        await wake()
        return await waiter.value
    }

    /// A select suspended on several channels is woken by a send on any one of them.
    @Test(arguments: 0..<3)
    func wokenByAnyChannel(_ which: Int) async {
        await withWatchdog("select woken by channel \(which)") {
            let channels = (0..<3).map { _ in ActorChannel<Int>(capacity: .bounded(0)) }
            var select = AsyncSelect<Picked>()
            select.receive(fromEach: channels)
            let result = await outcome(of: select) { try? await channels[which].send(42) }
            #expect(result == .picked(.received(channel: which, element: 42)))
            #expect(noWaitersLeft(channels))
        }
    }

    /// A select suspended on several channels is woken by closing any one of them.
    @Test(arguments: 0..<2)
    func wokenByClose(_ which: Int) async {
        await withWatchdog("select woken by close \(which)") {
            let channels = (0..<2).map { _ in ActorChannel<Int>(capacity: .bounded(2)) }
            var select = AsyncSelect<Picked>()
            select.receive(fromEach: channels)
            let result = await outcome(of: select) { channels[which].close() }
            #expect(result == .picked(.received(channel: which, element: nil)))
            #expect(noWaitersLeft(channels))
        }
    }

    /// A select's send waiting on a full channel completes when a receive makes room, and its
    /// element lands behind the one that was there.
    @Test func sendCompletesWhenRoomAppears() async {
        await withWatchdog("select send into room") {
            let channel = ActorChannel<Int>(capacity: .bounded(1))
            #expect(channel.trySend(1) == .sent)
            var select = AsyncSelect<Picked>()
            select.send(2, toEach: [channel])
            let result = await outcome(of: select) { #expect(await channel.receive() == 1) }
            #expect(result == .picked(.sent(channel: 0)))
            #expect(await channel.receive() == 2)
            #expect(noWaitersLeft([channel]))
        }
    }

    /// A select's send waiting on a channel that gets closed fails, and its element is not delivered.
    @Test func waitingSendFailsOnClose() async {
        await withWatchdog("select send failed by close") {
            let channel = ActorChannel<Int>(capacity: .bounded(1))
            #expect(channel.trySend(1) == .sent)
            var select = AsyncSelect<Picked>()
            select.send(2, toEach: [channel])
            let result = await outcome(of: select) { channel.close() }
            #expect(result == .picked(.sendFailed(channel: 0)))
            #expect(drainNow(channel) == [1])
        }
    }

    /// A timed-out select returns nil no earlier than its deadline, having taken nothing and
    /// delivered nothing, and leaves no waiter behind.
    @Test func timeoutPerformsNothing() async {
        await withWatchdog("select timeout") {
            let empty = ActorChannel<Int>(capacity: .bounded(0))
            let full = ActorChannel<Int>(capacity: .bounded(1))
            #expect(full.trySend(1) == .sent)
            var select = AsyncSelect<Picked>()
            select.receive(from: empty) { .received(channel: 0, element: $0) }
            select.send(2, toEach: [full])
            let start = MonotonicDeadline.now()
            let result = await select.outcome(timeout: .milliseconds(20))
            let elapsed = MonotonicDeadline.now().nanoseconds - start.nanoseconds
            #expect(result == .timedOut)
            #expect(elapsed >= 20_000_000, "returned \(elapsed) ns after the start, before its 20 ms deadline")
            #expect(drainNow(full) == [1])
            #expect(noWaitersLeft([empty, full]))
        }
    }

    /// A select in an already-cancelled task with nothing ready throws and performs nothing.
    @Test func cancelledBeforeWaitingPerformsNothing() async {
        let channel = ActorChannel<Int>(capacity: .bounded(1))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            var select = AsyncSelect<Picked>()
            select.receive(fromEach: [channel])
            return await select.outcome()
        }
        #expect(await task.value == .cancelled)
        #expect(channel.trySend(3) == .sent)
        #expect(drainNow(channel) == [3])
        #expect(noWaitersLeft([channel]))
    }

    /// A select never pairs its own send with its own receive on a rendezvous channel.
    @Test func selectDoesNotMatchItself() async {
        await withWatchdog("select does not match itself") {
            let channel = ActorChannel<Int>(capacity: .bounded(0))
            var select = AsyncSelect<Picked>()
            select.receive(fromEach: [channel])
            select.send(5, toEach: [channel])
            #expect(select.tryWait() == nil)
            #expect(await select.outcome(timeout: .milliseconds(10)) == .timedOut)
            #expect(noWaitersLeft([channel]))
        }
    }
}
