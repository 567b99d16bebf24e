import Channels
import Foundation
import Testing

/// Close, timeout and memory behaviour specific to the ring's parking and slot storage.
/// `.serialized`: the leak tests share a global live-instance counter.
@Suite(.serialized) struct RingCloseTimeoutLeakTests {
    @Test func closeWakesEveryParkedSender() async {
        let ring = RingChannel<Int>(capacity: 2)
        #expect(ring.trySend(1) == .sent)
        #expect(ring.trySend(2) == .sent)
        let senders = 6
        let outcomes = ThreadLog<Bool>(threads: senders)
        let closer = ThreadLog<Bool>(threads: 1)
        await runRingThreads(senders + 1, onHang: { ring.close() }) { role in
            if role < senders {
                do {
                    try ring.send(100 + role)
                    outcomes[role].append(true)
                } catch {
                    outcomes[role].append(false)
                }
            } else {
                // Close only once every sender has really gone to sleep.
                let parked = eventually { ring.parkedThreads.senders == senders }
                closer[0].append(parked)
                usleep(20_000)
                ring.close()
            }
        }
        #expect(closer[0] == [true], "senders never parked")
        #expect(outcomes.entries.allSatisfy { $0 == [false] }, "every parked send must fail with closed")
        // Buffered messages survive the close, then the ring reports closed.
        #expect(ring.receive() == 1)
        #expect(ring.receive() == 2)
        #expect(ring.receive() == nil)
        #expect(ring.tryReceive() == .closed)
        #expect(ring.parkedThreads == (0, 0))
    }

    @Test func closeWakesEveryParkedReceiver() async {
        let ring = RingChannel<Int>(capacity: 4)
        let receivers = 6
        let outcomes = ThreadLog<Int?>(threads: receivers)
        let closer = ThreadLog<Bool>(threads: 1)
        await runRingThreads(receivers + 1, onHang: { ring.close() }) { role in
            if role < receivers {
                outcomes[role].append(ring.receive())
            } else {
                let parked = eventually { ring.parkedThreads.receivers == receivers }
                closer[0].append(parked)
                usleep(20_000)
                ring.close()
            }
        }
        #expect(closer[0] == [true], "receivers never parked")
        #expect(outcomes.entries.allSatisfy { $0 == [nil] })
    }

    @Test func sendAfterCloseFailsAndReceiversDrainFirst() throws {
        let ring = RingChannel<String>(capacity: 3)
        try ring.send("a")
        try ring.send("b")
        ring.close()
        ring.close()  // idempotent
        #expect(ring.isClosed)
        #expect(throws: ChannelClosedError.self) { try ring.send("c") }
        #expect(ring.trySend("c") == .closed)
        #expect(ring.send("c", timeout: .milliseconds(10)) == .closed)
        #expect(ring.receive() == "a")
        #expect(ring.receive(timeout: .seconds(1)) == .value("b"))
        #expect(ring.receive(timeout: .seconds(1)) == .closed)
        #expect(ring.receive() == nil)
    }

    @Test(arguments: [0, 1, 30])
    func receiveTimeoutReturnsNoEarlierThanAsked(milliseconds: Int) {
        let ring = RingChannel<Int>(capacity: 3)
        let start = monotonicNanoseconds()
        #expect(ring.receive(timeout: .milliseconds(milliseconds)) == .timedOut)
        #expect(monotonicNanoseconds() - start >= UInt64(milliseconds) * 1_000_000)
    }

    @Test(arguments: [0, 1, 30])
    func sendTimeoutReturnsNoEarlierThanAsked(milliseconds: Int) {
        let ring = RingChannel<Int>(capacity: 3)
        for i in 0..<3 { #expect(ring.trySend(i) == .sent) }
        let start = monotonicNanoseconds()
        #expect(ring.send(99, timeout: .milliseconds(milliseconds)) == .timedOut)
        #expect(monotonicNanoseconds() - start >= UInt64(milliseconds) * 1_000_000)
        #expect(ring.count == 3, "a timed-out send must not leave its message behind")
    }

    /// A parked timed receiver is woken by a send, not by its (far away) deadline: the
    /// watchdog fires long before the timeout would, so a lost wake-up fails the test.
    @Test func timedReceiverIsWokenBySend() async {
        let ring = RingChannel<Int>(capacity: 1)
        let got = ThreadLog<Int?>(threads: 1)
        await runRingThreads(2, watchdog: 60, onHang: { ring.close() }) { role in
            if role == 0 {
                got[0].append(ring.receive(timeout: .seconds(300)).value)
            } else {
                _ = eventually { ring.parkedThreads.receivers == 1 }
                try? ring.send(42)
            }
        }
        #expect(got[0] == [42])
    }

    /// Elements still buffered when the ring is dropped are released exactly once — including
    /// when the live region wraps around the end of the slot array.
    @Test(arguments: [(7, 5, 2), (7, 12, 8), (3, 30, 28), (1, 1, 0)])
    func droppingTheRingReleasesBufferedElements(capacity: Int, sends: Int, receives: Int) {
        let before = CountedPayload.live.load(ordering: .relaxed)
        do {
            let ring = RingChannel<CountedPayload>(capacity: capacity)
            var received = 0
            for i in 0..<sends {
                if ring.count == capacity {
                    _ = ring.tryReceive().value
                    received += 1
                }
                #expect(ring.trySend(CountedPayload(i)) == .sent)
            }
            while received < receives, ring.tryReceive().value != nil { received += 1 }
            #expect(CountedPayload.live.load(ordering: .relaxed) - before == ring.count)
            #expect(ring.count > 0 || sends == receives)
            // A send rejected after close must not keep (or over-release) its element.
            ring.close()
            #expect(ring.trySend(CountedPayload(-1)) == .closed)
        }
        #expect(CountedPayload.live.load(ordering: .relaxed) == before)
    }

    @Test func unsupportedCapacitiesAreErrorsNotCrashes() {
        #expect(throws: ChannelConfigurationError.self) { try RingChannel<Int>(capacity: .bounded(0)) }
        #expect(throws: ChannelConfigurationError.self) { try RingChannel<Int>(capacity: .unbounded) }
        #expect(throws: ChannelConfigurationError.negativeCapacity(-3)) { try RingChannel<Int>(capacity: .bounded(-3)) }
        #expect((try? RingChannel<Int>(capacity: .bounded(5)))?.capacity == .bounded(5))
    }

    @Test func registryDescribesTheRing() throws {
        let d = try #require(ChannelRegistry.named("ring"))
        #expect(d.family == "lock-free")
        #expect(d.kind == .blocking)
        #expect(!d.supports(.bounded(0)) && !d.supports(.unbounded) && d.supports(.bounded(1)))
        let (tx, rx) = try makeChannel(of: Int.self, implementation: "ring", capacity: .bounded(3))
        try tx.send(7)
        #expect(rx.receive() == 7)
    }
}
