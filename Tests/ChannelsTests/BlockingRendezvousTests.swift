import Channels
import Testing

/// Capacity 0: a send completes only when a receiver has taken that message.
@Suite struct BlockingRendezvousTests {
    @Test("trySend is full and tryReceive empty with nobody waiting", arguments: BlockingFlavors.rendezvousCases)
    func tryWithoutPartner(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        #expect(channel.trySend(1) == .full)
        #expect(channel.tryReceive() == .empty)
        #expect(channel.count == 0)
        #expect(channel.send(2, timeout: .milliseconds(20)) == .timedOut)
        // A timed-out offer is withdrawn: nobody can receive it later.
        #expect(channel.tryReceive() == .empty)
        #expect(channel.receive(timeout: .milliseconds(20)) == .timedOut)
    }

    @Test("send does not return before a receiver takes the message", arguments: BlockingFlavors.rendezvousCases)
    func sendWaitsForReceiver(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let returned = Flag()
        let threads = TestThreads()
        threads.spawn {
            try? channel.send(42)
            returned.set()
        }
        pause(milliseconds: 200)
        // Not a timing assertion: a correct rendezvous never lets this send return unmatched.
        #expect(!returned.isSet)
        #expect(channel.count == 0)
        #expect(await onThread(rescue: channel.close) { channel.receive() } == 42)
        await threads.join(rescue: channel.close)
        #expect(returned.isSet)
    }

    @Test("trySend succeeds when a receiver waits", arguments: BlockingFlavors.rendezvousCases)
    func trySendToWaitingReceiver(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let got = ResultBox<Int?>()
        let threads = TestThreads()
        threads.spawn { got.set(channel.receive()) }
        var result = TrySendResult.full
        let deadline = MonotonicDeadline.after(.seconds(30))
        while result == .full && !deadline.hasPassed {
            result = channel.trySend(7)
            if result == .full { pause(milliseconds: 1) }
        }
        #expect(result == .sent)
        await threads.join(rescue: channel.close)
        #expect(got.value == 7)
    }

    @Test("tryReceive succeeds when a sender waits", arguments: BlockingFlavors.rendezvousCases)
    func tryReceiveFromWaitingSender(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let sendResult = ResultBox<Bool>()
        let threads = TestThreads()
        threads.spawn {
            do { try channel.send(9); sendResult.set(true) } catch { sendResult.set(false) }
        }
        var value: Int?
        let deadline = MonotonicDeadline.after(.seconds(30))
        while value == nil && !deadline.hasPassed {
            value = channel.tryReceive().value
            if value == nil { pause(milliseconds: 1) }
        }
        #expect(value == 9)
        await threads.join(rescue: channel.close)
        #expect(sendResult.value == true)
    }

    @Test("many senders, one receiver: each completed send was received", arguments: BlockingFlavors.rendezvousCases)
    func completedSendsWereReceived(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let completed = Counter()
        let threads = TestThreads()
        threads.spawn(4) { p in
            for i in 0..<200 where (try? channel.send(p * 1000 + i)) != nil {
                completed.increment()
            }
        }
        let outcome = await onThread(rescue: channel.close) {
            var received = 0, aheadOfReceiver = 0
            for _ in 0..<800 {
                // No receive is in progress here, so every completed send must already have
                // been received; a buffering channel would let a sender finish ahead.
                pause(milliseconds: received % 100 == 0 ? 20 : 0)
                if completed.current > received { aheadOfReceiver += 1 }
                if channel.receive() != nil { received += 1 }
            }
            return (received, aheadOfReceiver)
        }
        await threads.join(rescue: channel.close)
        let (received, aheadOfReceiver) = outcome ?? (-1, -1)
        #expect(received == 800)
        #expect(completed.current == 800)
        #expect(aheadOfReceiver == 0)
    }
}
