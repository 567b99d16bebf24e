import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Channels

/// Linearizable try operations under contention, as crossbeam's `array::linearizable` test:
/// N threads share a channel of capacity N. *Send side*: each thread does `send` then
/// `tryReceive`, round after round. At most N messages are ever buffered and a thread calling
/// `tryReceive` has its own completed send among them, so `.empty` is always wrong.
/// *Mirror*: the channel starts full and each thread does `receive` then `trySend`; the slot
/// it just freed cannot have been taken by more than the other N − 1 threads, so `.full` is
/// always wrong.
///
/// The short random histories of the `linearizability` check rarely catch an implementation
/// that answers empty/full while a neighbour is preempted between claiming a slot and
/// finishing with it: that needs preemption, so this runs more threads than cores for
/// thousands of rounds, released together, with no schedule perturbation: time spent between
/// operations only dilutes the share of time the threads spend inside them, which is where a
/// preemption has to land. No timing is judged; the watchdog only turns a hang into a failure.
package enum TryLinearizableStressCheck {
    struct Configuration: Sendable, CustomStringConvertible {
        /// `false`: send then tryReceive; `true`: receive then trySend on a full channel.
        var mirror: Bool
        var threads: Int
        var capacity: ChannelCapacity

        var description: String {
            "\(threads) threads, capacity \(capacity), each round " + (mirror ? "receive then trySend" : "send then tryReceive")
        }
    }

    static func configurations(_ d: ChannelDescriptor) -> [Configuration] {
        var out: [Configuration] = []
        for n in [4, 8] {
            if d.supports(.bounded(n)) {
                out.append(Configuration(mirror: false, threads: n, capacity: .bounded(n)))
                out.append(Configuration(mirror: true, threads: n, capacity: .bounded(n)))
            } else if d.supportsUnbounded {
                // Never full, so only the send side applies.
                out.append(Configuration(mirror: false, threads: n, capacity: .unbounded))
            }
        }
        return out
    }

    static let check = VerifyCheck(
        name: "try-linearizable-stress",
        summary: "N threads, capacity N: send then tryReceive never empty; receive then trySend never full",
        weight: 2,
        minimumIterations: { configurations($0).count },
        applicability: { d in
            if !d.supportsTryAndTimeout { return "no try operations" }
            if d.lossy { return "lossy by design (not a FIFO channel)" }
            if !d.linearizableTryOperations { return "declared: try operations are not linearizable (registry)" }
            if !d.multiProducer || !d.multiConsumer { return "needs several senders and several receivers" }
            if configurations(d).isEmpty { return "no capacity of 4 or 8 messages" }
            return nil
        },
        iterate: { ctx in
            let config = ctx.pick(configurations(ctx.descriptor))
            return run(config, ctx.descriptor, rounds: ctx.quick ? 2000 : 20000, stall: ctx.stall)
        }
    )

    static func run(_ config: Configuration, _ d: ChannelDescriptor, rounds: Int, stall: Duration) -> IterationResult {
        let t = Transcript()
        t.note("\(config), \(rounds) rounds per thread")
        let ch = ChannelUnderTest<Int>(d, capacity: config.capacity)
        guard ch.hasTryOperations else {
            t.fail("registry claims try operations but the channel does not conform to TimedSuspendingChannel")
            return t.result
        }
        if config.mirror {
            for i in 0..<config.threads {
                let r = ch.trySend(-1 - i)
                if !t.expect(r == .sent, "prefill trySend(\(-1 - i)) -> \(describe(r))", "trySend below capacity must succeed") { return t.result }
            }
        }
        let board = WorkerBoard(names: (0..<config.threads).map { "thread \($0)" })
        let arrived = Atomic<Int>(0)
        let threads = config.threads
        let group = WorkerGroup.threads(board) { w in
            let slot = board[w]
            // Start together: a thread that ran its rounds before the others started would
            // contend with nobody.
            slot.begin(.waitingForStart)
            arrived.wrappingAdd(1, ordering: .acquiringAndReleasing)
            while arrived.load(ordering: .acquiring) < threads { sched_yield() }
            slot.end()
            for round in 0..<rounds {
                let code = MessageCode.make(producer: w, sequence: round)
                if config.mirror {
                    slot.begin(.receive)
                    let got = ch.receive()
                    slot.end()
                    guard got != nil else { t.fail("thread \(w) round \(round): receive -> nil on a channel nobody closed"); return }
                    slot.begin(.trySend, code)
                    let r = ch.trySend(code)
                    slot.end()
                    if r != .sent {
                        t.fail("thread \(w) round \(round): trySend -> \(describe(r)) right after this thread's receive freed a slot (count now \(ch.count))")
                        return
                    }
                } else {
                    slot.begin(.send, code)
                    let s = ch.send(code)
                    slot.end()
                    guard s == .sent else { t.fail("thread \(w) round \(round): send -> \(s) on a channel nobody closed"); return }
                    slot.begin(.tryReceive)
                    let r = ch.tryReceive()
                    slot.end()
                    guard case .value = r else {
                        t.fail("thread \(w) round \(round): tryReceive -> \(describe(r)) right after this thread's own send completed (count now \(ch.count))")
                        return
                    }
                }
            }
        }
        if case .hung(let dump) = group.wait(stall: stall) {
            // Unblock whoever waits so the abandoned threads can end.
            ch.close()
            t.fail("no progress: an operation that always has a partner or room hung\n" + dump)
        }
        return t.result
    }
}
