import Synchronization

/// Capacity 0: a send completes only once a receiver has taken the message, in both orders
/// (sender first, receiver first), and nothing is ever buffered.
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
            ch.close()
            return t.result
        }
    )
}
