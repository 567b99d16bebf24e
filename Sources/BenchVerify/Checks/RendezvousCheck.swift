import Synchronization
import Channels
import BenchSupport

/// Capacity 0: a send completes only once a receiver has taken the message, in both orders
/// (sender first, receiver first), with try operations meeting a waiting partner, and under
/// several senders; nothing is ever buffered.
package enum RendezvousCheck {
    static let check = VerifyCheck(
        name: "rendezvous",
        summary: "capacity 0: send completes only when a receiver takes the message",
        applicability: { d in d.supportsRendezvous ? nil : "no capacity 0" },
        iterate: { ctx in
            let d = ctx.descriptor
            let settle: Duration = .milliseconds(ctx.quick ? 15 : 40)
            let t = ctx.transcript("capacity 0")
            let ch = ChannelUnderTest<Int>(d, capacity: .bounded(0))
            if ch.hasTryOperations {
                let r = ch.trySend(1)
                t.expect(r == .full, "trySend(1) with no receiver -> \(describe(r))", "trySend must report full with no receiver waiting")
                let v = ch.tryReceive()
                t.expect(v == .empty, "tryReceive() with no sender -> \(describe(v))", "expected empty")
            }

            // Sender first: its send must not complete before the receiver takes the message.
            let taken = Atomic<Bool>(false)
            let early = Atomic<Bool>(false)
            let board = WorkerBoard(names: ["sender", "receiver"])
            let sender = WorkerGroup.threads(WorkerBoard(names: ["sender thread"])) { _ in
                board[0].begin(.send, 7)
                _ = ch.send(7)
                if !taken.load(ordering: .acquiring) { early.store(true, ordering: .releasing) }
                board[0].end()
            }
            _ = waitUntil(ctx.stall) { board[0].current == .send }
            pause(settle)
            let c = ch.count
            t.expect(board[0].completedCount == 0, "sender blocked in send(7) for \(settle): completed \(board[0].completedCount)", "send completed with no receiver")
            t.expect(c == 0, "count -> \(c)", "a rendezvous channel buffers nothing")
            taken.store(true, ordering: .releasing)
            let v = ch.receive()
            t.expect(v == 7, "receive() -> \(v.map(String.init) ?? "nil")", "expected 7")
            if case .hung = sender.wait(stall: ctx.stall) {
                t.fail("sender never returned after its message was taken\n" + board.dump())
                return t.result
            }
            t.expect(!early.load(ordering: .acquiring), "sender returned", "send returned before the receiver took the message")

            // Receiver first: it waits until a sender hands over.
            let got = Atomic<Int>(-1)
            let receiver = WorkerGroup.threads(WorkerBoard(names: ["receiver"])) { _ in
                board[1].begin(.receive)
                got.store(ch.receive() ?? -2, ordering: .releasing)
                board[1].end()
            }
            _ = waitUntil(ctx.stall) { board[1].current == .receive }
            pause(settle)
            t.expect(board[1].completedCount == 0, "receiver blocked for \(settle)", "receive returned on an empty channel")
            let s = ch.send(8)
            t.expect(s == .sent, "send(8) -> \(s)", "send to a waiting receiver must succeed")
            if case .hung = receiver.wait(stall: ctx.stall) {
                t.fail("receiver never returned after send(8) completed\n" + board.dump())
                return t.result
            }
            let g = got.load(ordering: .acquiring)
            t.expect(g == 8, "receiver got \(g)", "expected 8")
            if t.failed { return t.result }
            if ch.hasTryOperations { tryWithWaitingPartner(ch, ctx: ctx, t: t) }
            ch.close()
            if t.failed { return t.result }
            return completedSendsWereTaken(d, ctx: ctx, t: t)
        }
    )

    /// A try operation meets a partner already waiting: trySend hands over to a parked
    /// receiver, tryReceive takes from a parked sender. Retried until the partner is parked
    /// (how long that takes is the scheduler's business; the watchdog bounds it).
    static func tryWithWaitingPartner(_ ch: ChannelUnderTest<Int>, ctx: IterationContext, t: Transcript) {
        let got = Atomic<Int>(-1)
        let receiver = WorkerGroup.threads(WorkerBoard(names: ["receiver"])) { _ in got.store(ch.receive() ?? -2, ordering: .releasing) }
        var r = TrySendResult.full
        _ = waitUntil(ctx.stall) { r = ch.trySend(9); return r != .full }
        t.expect(r == .sent, "trySend(9) while a receiver waits -> \(describe(r))", "trySend must hand over to a waiting receiver")
        if case .hung = receiver.wait(stall: ctx.stall) { t.fail("receiver never returned after trySend(9)"); return }
        let g = got.load(ordering: .acquiring)
        t.expect(g == 9, "receiver got \(g)", "expected 9")

        let sent = Atomic<Bool>(false)
        let sender = WorkerGroup.threads(WorkerBoard(names: ["sender"])) { _ in sent.store(ch.send(10) == .sent, ordering: .releasing) }
        var v = TryReceiveResult<Int>.empty
        _ = waitUntil(ctx.stall) { v = ch.tryReceive(); return v != .empty }
        t.expect(v == .value(10), "tryReceive() while a sender waits -> \(describe(v))", "tryReceive must take from a waiting sender")
        if case .hung = sender.wait(stall: ctx.stall) { t.fail("sender never returned after tryReceive took its message"); return }
        t.expect(sent.load(ordering: .acquiring), "sender's send(10) returned sent", "the send whose message was taken must report sent")
    }

    /// Several senders against one receiver that pauses now and then: whenever the receiver
    /// is between receives, the sends completed so far cannot outnumber the receives it made.
    /// A channel that over-commits (completes a send nobody took, e.g. two senders handing to
    /// one waiting receiver) lets a sender finish ahead during a pause.
    static func completedSendsWereTaken(_ d: ChannelDescriptor, ctx: IterationContext, t: Transcript) -> IterationResult {
        let ch = ChannelUnderTest<Int>(d, capacity: .bounded(0))
        let p = d.multiProducer ? 4 : 1
        let per = ctx.quick ? 300 : 2000
        let completed = Atomic<Int>(0)
        let ahead = Atomic<Int>(0)
        let board = WorkerBoard(names: (0..<p).map { "sender \($0)" } + ["receiver"])
        let logs = ConsumerLogs(count: 1)
        let group = WorkerGroup.threads(board) { w in
            var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "rv", w))
            if w < p {
                for i in 0..<per {
                    perturb.step()
                    let code = MessageCode.make(producer: w, sequence: i)
                    board[w].begin(.send, code)
                    let s = ch.send(code)
                    if s == .sent { completed.wrappingAdd(1, ordering: .acquiringAndReleasing) }
                    board[w].end()
                }
                return
            }
            var rng = ctx.rng("rv pauses")
            var got: [Int] = []
            for _ in 0..<(p * per) {
                // Between receives: every completed send must be one already received.
                if rng.next() % 8 == 0 { pause(.microseconds(Int(rng.next() % 500))) }
                let c = completed.load(ordering: .acquiring)
                if c > got.count { ahead.store(max(ahead.load(ordering: .relaxed), c - got.count), ordering: .relaxed) }
                board[w].begin(.receive)
                guard let v = ch.receive() else { break }
                board[w].end()
                got.append(v)
            }
            logs.store(0, got)
        }
        if case .hung(let dump) = group.wait(stall: ctx.stall) {
            ch.close()
            t.fail("\(p) senders × \(per), one receiver: stalled\n" + dump)
            return t.result
        }
        ch.close()
        let a = ahead.load(ordering: .acquiring)
        t.expect(a == 0, "\(p) senders × \(per), one pausing receiver: sends completed ahead of receives: at most \(a)",
                 "at capacity 0 a send completed that no receive had taken")
        if let f = DeliveryLedger.check(logs.all, producers: p, perProducer: per, lossy: d.lossy) {
            t.fail(f.message + "\n" + f.detail)
        }
        return t.result
    }
}
