import Channels
import Testing

/// Many short-lived channels, each closed while another thread runs try operations on it (Go's
/// `TestNonblockRecvRace` and `TestNonblockSelectRace`: a non-blocking receive on a channel
/// with a buffered message must get it even while the channel is being closed).
///
/// Each round makes a fresh channel holding one message, and two threads meet at a barrier:
/// one then does `tryReceive` and `trySend`, the other `close`. Whatever the interleaving,
/// close drops nothing and takes nothing back: `tryReceive` gets the buffered message,
/// `trySend` (there is room) says sent or closed, never full, and after both the channel holds
/// exactly what that answer says, then reports closed. The channel is released at the end of
/// its round, by whichever thread lets go last.
@Suite struct PeerCloseRaceTests {
    static let rounds = TestScale.messages(3_000)

    @Test("try operations racing close on fresh channels lose and invent nothing",
          arguments: TryCase.cases(at: [.bounded(2), .bounded(16), .unbounded]))
    func tryOperationsRacingClose(_ c: TryCase) async {
        let current = NSLockedValue<TryOps?>(nil)
        let barrier = RoundBarrier(parties: 2)
        let outcome = TryStressOutcome()
        let threads = TestThreads()
        threads.spawn {
            var rng = SplitMix(seed: 6)
            for round in 0..<Self.rounds {
                let delay = rng.next() % 256
                let channel = c.make()
                if channel.trySend(0) != .sent { outcome.fail("round \(round): trySend on a new channel did not send") }
                current.set(channel)
                guard barrier.arriveAndWait(phase: 2 * round) else { return }
                barrier.delay(delay)
                let received = channel.tryReceive()
                let sent = channel.trySend(1)
                guard barrier.arriveAndWait(phase: 2 * round + 1) else { return }
                current.set(nil)
                var rest: [TryReceiveResult<Int>] = []
                while true {
                    let r = channel.tryReceive()
                    rest.append(r)
                    if r == .closed || rest.count > 3 { break }
                }
                let expectedRest: [TryReceiveResult<Int>] = sent == .sent ? [.value(1), .closed] : [.closed]
                if received != .value(0) || sent == .full || rest != expectedRest {
                    outcome.fail("round \(round): tryReceive -> \(received), trySend -> \(sent), then \(rest)")
                }
                outcome.rounds.increment()
            }
        }
        threads.spawn {
            var rng = SplitMix(seed: 5)
            for round in 0..<Self.rounds {
                let delay = rng.next() % 256
                guard barrier.arriveAndWait(phase: 2 * round) else { return }
                guard let channel = current.get() else {
                    outcome.fail("round \(round): no channel to close")
                    return
                }
                // Varying head starts on both sides, so close lands before, between and after
                // the other thread's two operations.
                barrier.delay(delay)
                channel.close()
                guard barrier.arriveAndWait(phase: 2 * round + 1) else { return }
            }
        }
        await threads.join(progress: { outcome.rounds.value }, rescue: barrier.abandon)
        #expect(outcome.rounds.value == Self.rounds)
        #expect(outcome.failures.value == 0, "\(outcome.failures.value) rounds went wrong, first: \(outcome.first ?? "")")
    }
}
