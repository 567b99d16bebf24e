import Testing
import Channels

/// trySend/tryReceive and the deadline operations, on every implementation that offers them
/// (registry flag `supportsTryAndTimeout`).
@Suite struct AsyncTimedTests {
    private static func elapsedMilliseconds(since start: UInt64) -> Double {
        Double(monotonicNanoseconds() - start) / 1e6
    }

    /// A receive on an empty channel times out, and not before its deadline.
    @Test(arguments: AsyncCases.timed)
    func receiveTimesOutNoEarlier(_ c: AsyncCase) async {
        await withWatchdog("receive timeout \(c.testDescription)") {
            let channel = c.makeTimed(Int.self)
            let start = monotonicNanoseconds()
            #expect(await channel.receive(timeout: .milliseconds(50)) == .timedOut)
            #expect(Self.elapsedMilliseconds(since: start) >= 50, "timed out early")
            #expect(await channel.receive(timeout: .zero) == .timedOut)
            #expect(await channel.receive(timeout: .milliseconds(-5)) == .timedOut)
        }
    }

    /// A send on a full channel times out no earlier than asked and its element is never
    /// delivered; what was buffered is untouched.
    @Test(arguments: AsyncCases.timed.filter { $0.capacity != .unbounded })
    func sendTimesOutNoEarlierAndLosesNothing(_ c: AsyncCase) async {
        await withWatchdog("send timeout \(c.testDescription)") {
            let channel = c.makeTimed(Int.self)
            let limit = c.limit!
            for i in 0..<limit { #expect(channel.trySend(i) == .sent) }
            let start = monotonicNanoseconds()
            #expect(await channel.send(99, timeout: .milliseconds(50)) == .timedOut)
            #expect(Self.elapsedMilliseconds(since: start) >= 50, "timed out early")
            #expect(await channel.send(98, timeout: .zero) == .timedOut)
            #expect(channel.count == limit)
            channel.close()
            #expect(await drain(channel) == Array(0..<limit), "a timed-out send was delivered or a buffered one lost")
        }
    }

    /// trySend fills exactly to capacity and then reports full; tryReceive returns the
    /// elements in order and then reports empty (rendezvous: full/empty with nobody waiting).
    @Test(arguments: AsyncCases.timed)
    func tryOperationsRespectCapacity(_ c: AsyncCase) async {
        let channel = c.makeTimed(Int.self)
        let n = c.limit ?? 1_000
        for i in 0..<n { #expect(channel.trySend(i) == .sent) }
        if c.limit != nil { #expect(channel.trySend(-1) == .full) }
        #expect(channel.count == n)
        for i in 0..<n { #expect(channel.tryReceive() == .value(i)) }
        #expect(channel.tryReceive() == .empty)
        #expect(channel.count == 0)
    }

    /// A timed receive takes an element that arrives before its deadline. The deadline is far
    /// off on purpose: a sender starved on a busy machine must not fail this, only a lost
    /// wake-up (which the watchdog reports).
    @Test(arguments: AsyncCases.timed)
    func timedReceiveGetsLateElement(_ c: AsyncCase) async {
        await withWatchdog("timed receive \(c.testDescription)") {
            let channel = c.makeTimed(Int.self)
            let receiver = Task { await channel.receive(timeout: .seconds(3600)) }
            await letOthersRun()
            try? await channel.send(7)
            #expect(await receiver.value == .value(7))
        }
    }

    /// A timed send on a full channel completes when a receiver makes room, in FIFO order.
    @Test(arguments: AsyncCases.timed.filter { $0.capacity != .unbounded })
    func timedSendCompletesWhenRoomAppears(_ c: AsyncCase) async {
        await withWatchdog("timed send \(c.testDescription)") {
            let channel = c.makeTimed(Int.self)
            let limit = c.limit!
            for i in 0..<limit { #expect(channel.trySend(i) == .sent) }
            let sender = Task { await channel.send(limit, timeout: .seconds(3600)) }
            await letOthersRun()
            #expect(await channel.receive() == 0)
            #expect(await sender.value == .sent)
            channel.close()
            #expect(await drain(channel) == Array(1..<(limit + 1)))
        }
    }
}
