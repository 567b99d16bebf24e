import Synchronization
import Channels
import BenchSupport

/// For cancellable suspending implementations: cancelling tasks that wait in `receive` or
/// `send` — parked, or racing with traffic — loses nothing, duplicates nothing and leaves no
/// other task hanging. Every message whose `send` returned normally is received exactly once;
/// a cancelled send's message never arrives.
package enum CancellationCheck {
    static let check = VerifyCheck.perCapacity(
        name: "cancellation",
        summary: "cancelling waiting sends/receives loses and duplicates nothing and hangs nobody",
        rounds: 3,
        applicability: { d in
            if d.kind != .async { return "blocking implementation (threads cannot be cancelled)" }
            if !d.cancellable { return "registry says not cancellable" }
            return nil
        },
        iterate: { ctx, cap, _ in
            let d = ctx.descriptor
            guard case .suspending(let maker) = d.maker else { return .passed }
            if let failure = alreadyCancelled(maker, d, cap, ctx: ctx) { return failure }
            let ch = maker.make(Int.self, capacity: cap)
            let scenario = (ctx.variant / d.verifyCapacities.count) % 3
            let p = d.multiProducer ? 4 : 1
            let c = d.multiConsumer ? 4 : 1
            let per = ctx.quick ? 100 : 1000
            let names = (0..<p).map { "producer \($0)" } + (0..<c).map { "consumer \($0)" }
            let board = WorkerBoard(names: names)
            let sent = ConsumerLogs(count: p)
            let received = ConsumerLogs(count: c)
            let wrongErrors = Atomic<Int>(0)
            // Scenario 0: receivers parked on an empty channel, some cancelled, then traffic.
            // Scenario 1: senders parked on a full channel, some cancelled, then drained.
            // Scenario 2: random cancellation of producers and consumers mid-traffic.
            let parkFirst = scenario != 2
            let parkSenders = scenario == 1
            let group = WorkerGroup.tasks(board) { w in
                var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "cancel", w))
                if w < p {
                    if parkFirst && !parkSenders {
                        while !Task.isCancelled && board.progress == 0 && !allParked(board, c, p) { await Task.yield() }
                    }
                    var mine: [Int] = []
                    for s in 0..<per {
                        perturb.step()
                        let code = MessageCode.make(producer: w, sequence: s)
                        board[w].begin(.send, code)
                        do {
                            try await ch.send(code)
                            mine.append(code)
                        } catch is CancellationError {
                        } catch is ChannelClosedError {
                        } catch {
                            wrongErrors.wrappingAdd(1, ordering: .relaxed)
                        }
                        board[w].end()
                        if Task.isCancelled { break }
                    }
                    sent.store(w, mine)
                } else {
                    if parkSenders {
                        while !allParkedSenders(board, p) { try? await Task.sleep(for: .milliseconds(1)) }
                    }
                    var got: [Int] = []
                    while true {
                        perturb.step()
                        board[w].begin(.receive)
                        let v = await ch.receive()
                        board[w].end()
                        guard let v else { break }
                        got.append(v)
                    }
                    received.store(w - p, got)
                }
            }
            // Pick victims: never the last consumer, so somebody drains.
            var rng = ctx.rng("victims")
            switch scenario {
            case 0:
                _ = waitUntil(ctx.stall) { allParked(board, c, p) }
                for j in 0..<(c - 1) where rng.next() & 1 == 0 { group.cancel(p + j) }
            case 1:
                _ = waitUntil(ctx.stall) { allParkedSenders(board, p) }
                for j in 0..<p where rng.next() & 1 == 0 { group.cancel(j) }
            default:
                for _ in 0..<3 {
                    pause(.microseconds(Int(rng.next() % 2000)))
                    let victim = Int(rng.next() % UInt64(p + c - 1))
                    group.cancel(victim)
                }
            }
            // Producers finish (or are cancelled); then close so the consumers end.
            let closer = startCloser(board, producers: p, ch)
            let outcome = group.wait(stall: ctx.stall)
            OperationCount.add(board.progress)
            closer.cancel()
            if case .hung(let dump) = outcome {
                ch.close()
                return .failed(message: "a task hung after cancellation (scenario \(scenario), capacity \(cap))", counterexample: dump)
            }
            if wrongErrors.load(ordering: .acquiring) > 0 {
                return .failed(message: "send threw something other than CancellationError/ChannelClosedError", counterexample: "")
            }
            var leftovers: [Int] = []
            while let v = blockOn({ await ch.receive() }) { leftovers.append(v) }
            let allSent = sent.all.flatMap { $0 }
            let allReceived = received.all.flatMap { $0 } + leftovers
            let sentSet = Set(allSent), receivedSet = Set(allReceived)
            if allReceived.count != receivedSet.count {
                let dup = Dictionary(grouping: allReceived, by: { $0 }).first { $0.value.count > 1 }!.key
                return .failed(message: "message \(MessageCode.describe(dup)) received twice after cancellation (scenario \(scenario), capacity \(cap))", counterexample: "")
            }
            if let lost = sentSet.subtracting(receivedSet).first {
                return .failed(message: "message \(MessageCode.describe(lost)) was sent (send returned) but never received (scenario \(scenario), capacity \(cap))",
                               counterexample: "sent \(sentSet.count), received \(receivedSet.count)")
            }
            if let ghost = receivedSet.subtracting(sentSet).first {
                return .failed(message: "message \(MessageCode.describe(ghost)) was received although its send was cancelled or failed (scenario \(scenario), capacity \(cap))",
                               counterexample: "sent \(sentSet.count), received \(receivedSet.count)")
            }
            return .passed
        }
    )

    /// A task cancelled before it calls does not wait at all: a receive on an empty channel
    /// returns nil, a send on a full one throws `CancellationError` and delivers nothing.
    private static func alreadyCancelled(_ maker: any SuspendingChannelMaker, _ d: ChannelDescriptor, _ cap: ChannelCapacity, ctx: IterationContext) -> IterationResult? {
        let empty = maker.make(Int.self, capacity: cap)
        let full = maker.make(Int.self, capacity: cap)
        // Only a hard bound makes a send wait for sure (a watermark's waiting send is
        // already buffered, a lossy buffer never waits).
        let fill = d.watermark == nil && !d.lossy ? d.sendsCompletingWithoutReceiver(cap) : nil
        for i in 0..<(fill ?? 0) { _ = blockOn { try? await full.send(i) } }
        let board = WorkerBoard(names: ["cancelled receiver"] + (fill == nil ? [] : ["cancelled sender"]))
        let wrong = PthreadLockedState<String?>(nil)
        let group = WorkerGroup.tasks(board) { w in
            withUnsafeCurrentTask { $0?.cancel() }
            if w == 0 {
                board[0].begin(.receive)
                if let v = await empty.receive() { wrong.withLock { $0 = "a cancelled receive on an empty channel returned \(v)" } }
                board[0].end()
                return
            }
            board[1].begin(.send, 99)
            do {
                try await full.send(99)
                wrong.withLock { $0 = $0 ?? "a cancelled send on a full channel returned normally" }
            } catch is CancellationError {
            } catch {
                wrong.withLock { $0 = $0 ?? "a cancelled send on a full channel threw \(error), not CancellationError" }
            }
            board[1].end()
        }
        let outcome = group.wait(stall: ctx.stall)
        empty.close()
        full.close()
        if case .hung(let dump) = outcome {
            return .failed(message: "a task cancelled before it called waited anyway (capacity \(cap))", counterexample: dump)
        }
        if let w = wrong.withLock({ $0 }) { return .failed(message: w + " (capacity \(cap))", counterexample: "") }
        if let n = fill {
            var drained: [Int] = []
            while let v = blockOn({ await full.receive() }) { drained.append(v) }
            if drained != Array(0..<n) {
                return .failed(message: "after a cancelled send on a full channel, drained \(drained), expected 0..<\(n) (capacity \(cap))", counterexample: "")
            }
        }
        return nil
    }

    private static func allParked(_ board: WorkerBoard, _ c: Int, _ p: Int) -> Bool {
        board.allWaiting(in: .receive, workers: p..<(p + c))
    }

    private static func allParkedSenders(_ board: WorkerBoard, _ p: Int) -> Bool {
        (0..<p).allSatisfy { board[$0].current == .send || board[$0].current == .finished }
    }

    /// Closes the channel once every producer finished.
    private static func startCloser(_ board: WorkerBoard, producers p: Int, _ ch: any SuspendingChannel<Int>) -> Task<Void, Never> {
        Task.detached {
            while !(0..<p).allSatisfy({ board[$0].current == .finished }) {
                if Task.isCancelled { return }
                try? await Task.sleep(for: .milliseconds(1))
            }
            ch.close()
        }
    }
}
