import Channels
import BenchSupport


/// Through the `Sender`/`Receiver` handles: when the last sender clone is released the
/// channel closes, so the receiver's `for … in` loop ends after delivering everything.
package enum LastSenderCheck {
    static let check = VerifyCheck.perCapacity(
        name: "last-sender-drop",
        summary: "releasing the last Sender clone ends the Receiver's iteration after all messages",
        iterate: { ctx, cap, _ in
            let d = ctx.descriptor
            let p = d.multiProducer ? 3 : 1
            let per = ctx.quick ? 100 : 1000
            let names = (0..<p).map { "sender clone \($0)" } + ["receiver for-in"]
            let board = WorkerBoard(names: names)
            let logs = ConsumerLogs(count: 1)
            let group: WorkerGroup
            switch d.maker {
            case .blocking(let m):
                let (tx, rx) = makeChannel(m.make(Int.self, capacity: cap))
                let handles = HandleBox<Sender<Int>>((0..<p).map { $0 == 0 ? tx : tx.clone() })
                let rxBox = HandleBox<Receiver<Int>>([rx])
                group = WorkerGroup.threads(board) { w in
                    var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "sender", w))
                    if w < p {
                        guard let mine = handles.take(w) else { return }
                        for s in 0..<per {
                            perturb.step()
                            board[w].begin(.send, MessageCode.make(producer: w, sequence: s))
                            try? mine.send(MessageCode.make(producer: w, sequence: s))
                            board[w].end()
                        }
                        // `mine` is released here; the last one closes the channel.
                    } else {
                        guard let rx = rxBox.take(0) else { return }
                        var got: [Int] = []
                        board[w].begin(.iterate)
                        for v in rx {
                            got.append(v)
                            board[w].end()
                            board[w].begin(.iterate)
                        }
                        board[w].end()
                        logs.store(0, got)
                    }
                }
            case .suspending(let m):
                let (tx, rx) = makeAsyncChannel(m.make(Int.self, capacity: cap))
                let handles = HandleBox<AsyncSender<Int>>((0..<p).map { $0 == 0 ? tx : tx.clone() })
                let rxBox = HandleBox<AsyncReceiver<Int>>([rx])
                group = WorkerGroup.tasks(board) { w in
                    var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "sender", w))
                    if w < p {
                        guard let mine = handles.take(w) else { return }
                        for s in 0..<per {
                            perturb.step()
                            board[w].begin(.send, MessageCode.make(producer: w, sequence: s))
                            try? await mine.send(MessageCode.make(producer: w, sequence: s))
                            board[w].end()
                        }
                    } else {
                        guard let rx = rxBox.take(0) else { return }
                        var got: [Int] = []
                        board[w].begin(.iterate)
                        for await v in rx {
                            got.append(v)
                            board[w].end()
                            board[w].begin(.iterate)
                        }
                        board[w].end()
                        logs.store(0, got)
                    }
                }
            }
            let outcome = group.wait(stall: ctx.stall)
            OperationCount.add(board.progress)
            if case .hung(let dump) = outcome {
                return .failed(message: "receiver iteration did not end after every sender was released (capacity \(cap))", counterexample: dump)
            }
            if let f = DeliveryLedger.check(logs.all, producers: p, perProducer: per, lossy: d.lossy) {
                return .failed(message: f.message, counterexample: "capacity \(cap), \(p) sender clones × \(per)\n" + f.detail)
            }
            return .passed
        }
    )
}

/// Hands each worker its own handle so that releasing it is the worker's decision, not the
/// lifetime of a captured closure.
package final class HandleBox<H: Sendable>: Sendable {
    private let items: PthreadLockedState<[H?]>
    init(_ items: [H]) { self.items = PthreadLockedState(items) }
    func take(_ i: Int) -> H? { items.withLock { let h = $0[i]; $0[i] = nil; return h } }
}

/// Through the handles, the other way: releasing one of two `Receiver` clones keeps the
/// channel open; releasing the last one closes it, so a sender blocked on the full channel
/// fails (is released) and later sends fail too.
package enum LastReceiverCheck {
    static let check = VerifyCheck(
        name: "last-receiver-drop",
        summary: "releasing the last Receiver clone fails a blocked sender and every later send",
        minimumIterations: { capacities($0).count },
        applicability: { d in
            if d.lossy { return "lossy by design (a send never waits)" }
            return capacities(d).isEmpty ? "no bounded capacity" : nil
        },
        iterate: { ctx in
            let d = ctx.descriptor
            let cap = ctx.pick(capacities(d))
            let t = ctx.transcript("capacity \(cap)")
            let ch = ChannelUnderTest<Int>(d, capacity: cap)
            // The sending handle lives to the end; the receiving clones are released one by one.
            let sender: any Sendable
            let receivers: HandleBox<any Sendable>
            switch ch.storage {
            case .blocking(let c):
                let (tx, rx) = makeChannel(c)
                sender = tx
                receivers = HandleBox([rx, rx.clone()])
            case .suspending(let c):
                let (tx, rx) = makeAsyncChannel(c)
                sender = tx
                receivers = HandleBox([rx, rx.clone()])
            }
            let n = d.sendsCompletingWithoutReceiver(cap)!
            for i in 0..<n { _ = ch.send(i) }
            let (group, outcome) = parkWaiters("blocked sender", count: 1, in: .send, argument: { _ in 100 },
                                               stall: ctx.stall, settle: .milliseconds(5)) { _ in ch.send(100) }
            _ = receivers.take(0)
            t.expect(!ch.isClosed, "filled \(n), a sender waits; one of two Receiver clones released: isClosed -> \(ch.isClosed)",
                     "the channel closed while a Receiver clone lives")
            _ = receivers.take(1)
            t.note("last Receiver clone released")
            if case .hung(let dump) = group.wait(stall: ctx.stall) {
                t.fail("releasing the last Receiver left the blocked sender waiting\n" + dump)
                return t.result
            }
            let s = outcome.withLock { $0[0] }
            // Declared: a watermark's waiting send was accepted before it waited, and some
            // channels may end a pending send normally at close; otherwise it must fail.
            let mayReturn = d.watermark != nil || d.sendPendingAtClose == .mayReturnUndelivered
            t.expect(s == .closed || (mayReturn && s == .sent), "blocked send -> \(s.map { "\($0)" } ?? "nil")",
                     "the send blocked when the last Receiver went away must fail with ChannelClosedError")
            let later = ch.send(101)
            t.expect(later == .closed, "send(101) -> \(later)", "a send after the last Receiver went away must fail")
            withExtendedLifetime(sender) {}
            return t.result
        }
    )

    static func capacities(_ d: ChannelDescriptor) -> [ChannelCapacity] {
        d.verifyCapacities.filter { $0.limit != nil && d.sendsCompletingWithoutReceiver($0) != nil }
    }
}
