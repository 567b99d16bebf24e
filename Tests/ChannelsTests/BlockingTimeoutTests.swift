import Channels
import Testing

/// try and timeout operations. Only lower bounds on time are asserted ("a timeout returns no
/// earlier than asked"); nothing here depends on the machine being fast.
@Suite struct BlockingTimeoutTests {
    @Test("try operations on an open channel", arguments: BlockingFlavors.bufferedCases())
    func tryOperations(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        #expect(channel.tryReceive() == .empty)
        #expect(channel.trySend(5) == .sent)
        #expect(channel.count == 1)
        #expect(channel.tryReceive() == .value(5))
        #expect(channel.tryReceive() == .empty)
        #expect(!channel.isClosed)
    }

    @Test("receive(timeout:) on an empty channel times out, never early", arguments: BlockingFlavors.cases())
    func receiveTimesOutNoEarlier(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        for ms in [1, 20, 60] {
            let start = monotonicNanoseconds()
            let result = channel.receive(timeout: .milliseconds(ms))
            let elapsed = monotonicNanoseconds() - start
            #expect(result == .timedOut)
            #expect(elapsed >= UInt64(ms) * 1_000_000, "returned after \(elapsed) ns, asked \(ms) ms")
        }
    }

    @Test("send(timeout:) on a full channel times out, never early", arguments: BlockingFlavors.cases(capacities: [.bounded(0), .bounded(1), .bounded(4)]))
    func sendTimesOutNoEarlier(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let limit = c.capacity.limit!
        for i in 0..<limit { #expect(channel.trySend(i) == .sent) }
        for ms in [1, 20, 60] {
            let start = monotonicNanoseconds()
            let result = channel.send(-1, timeout: .milliseconds(ms))
            let elapsed = monotonicNanoseconds() - start
            #expect(result == .timedOut)
            #expect(elapsed >= UInt64(ms) * 1_000_000, "returned after \(elapsed) ns, asked \(ms) ms")
        }
        #expect(channel.count == limit)
        var drained: [Int] = []
        while case .value(let v) = channel.tryReceive() { drained.append(v) }
        #expect(drained == Array(0..<limit), "a timed-out message must not be delivered")
    }

    @Test("zero and negative timeouts behave like try", arguments: BlockingFlavors.cases())
    func zeroTimeouts(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        #expect(channel.receive(timeout: .zero) == .timedOut)
        #expect(channel.receive(timeout: .milliseconds(-5)) == .timedOut)
        if let limit = c.capacity.limit {
            for i in 0..<limit { #expect(channel.trySend(i) == .sent) }
            #expect(channel.send(-1, timeout: .zero) == .timedOut)
        } else {
            #expect(channel.send(1, timeout: .zero) == .sent)
        }
    }

    // The deadlines below are the watchdog's scale, not a timing claim: a starved partner
    // thread must not turn into a failure; a lost wake-up still ends the wait.
    @Test("receive(timeout:) returns the value when one arrives in time", arguments: BlockingFlavors.cases())
    func receiveTimeoutGetsLateValue(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let threads = TestThreads()
        threads.spawn {
            pause(milliseconds: 50)
            try? channel.send(11)
        }
        #expect(channel.receive(timeout: .seconds(300)) == .value(11))
        await threads.join(rescue: channel.close)
    }

    @Test("send(timeout:) completes when room appears in time", arguments: BlockingFlavors.cases(capacities: [.bounded(0), .bounded(1), .bounded(4)]))
    func sendTimeoutGetsLateRoom(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let limit = c.capacity.limit!
        for i in 0..<limit { #expect(channel.trySend(i) == .sent) }
        let received = NSLockedValue<[Int]>([])
        let threads = TestThreads()
        threads.spawn {
            pause(milliseconds: 50)
            for _ in 0...limit {
                if let v = channel.receive() { received.update { $0.append(v) } }
            }
        }
        #expect(channel.send(99, timeout: .seconds(300)) == .sent)
        await threads.join(rescue: channel.close)
        #expect(received.get() == Array(0..<limit) + [99])
    }
}
