import Synchronization
import Channels
import BenchSupport

/// A linearizability scenario: the operations each thread performs, and what is buffered
/// before they start.
package struct LinScenario: Sendable, CustomStringConvertible {
    var capacity: ChannelCapacity
    var prefill: [Int]
    var threads: [[LinOperation]]

    var operationCount: Int { threads.reduce(0) { $0 + $1.count } }
    package var description: String {
        "capacity \(capacity), prefill \(prefill), " + threads.enumerated().map { "T\($0): \($1.map(\.description).joined(separator: ", "))" }.joined(separator: "; ")
    }

    static func random(_ rng: inout SeededGenerator, capacity: ChannelCapacity, quick: Bool) -> LinScenario {
        let threadCount = 2 + Int(rng.next() % 2)
        let maxOps = quick ? 4 : 5
        var next = 1
        var threads: [[LinOperation]] = []
        for _ in 0..<threadCount {
            var ops: [LinOperation] = []
            for _ in 0..<(2 + Int(rng.next() % UInt64(maxOps - 1))) {
                let roll = rng.next() % 100
                if roll < 8 {
                    ops.append(.close)
                } else if roll < 50 {
                    ops.append(.tryReceive)
                } else {
                    ops.append(capacity == .unbounded && roll >= 85 ? .send(next) : .trySend(next))
                    next += 1
                }
            }
            threads.append(ops)
        }
        let room = capacity.limit ?? 3
        let prefill = (0..<Int(rng.next() % UInt64(room + 1))).map { 100 + $0 }
        return LinScenario(capacity: capacity, prefill: prefill, threads: threads)
    }

    /// Runs the scenario once on a fresh channel: prefill sequentially, then all threads
    /// released together (spinning on a start flag to maximise overlap), with seeded
    /// perturbation between operations. `nil` if the run hung (a try operation must never
    /// wait) — the board dump is returned in `hangDump`.
    func record(_ d: ChannelDescriptor, seed: UInt64, stall: Duration) -> (History?, String?) {
        let ch = ChannelUnderTest<Int>(d, capacity: capacity)
        for v in prefill {
            if !ch.hasTryOperations {
                if ch.send(v) != .sent { return (nil, "prefill send(\(v)) on a fresh channel failed") }
                continue
            }
            let r = ch.trySend(v)
            if r != .sent { return (nil, "prefill trySend(\(v)) on a fresh channel returned \(describe(r))") }
        }
        let clock = Atomic<Int>(0)
        let go = Atomic<Int>(0)
        let board = WorkerBoard(names: threads.indices.map { "thread \($0)" })
        let logs = EventLogs(count: threads.count)
        let threads = self.threads
        let group = WorkerGroup.threads(board) { t in
            var perturb = SchedulePerturbation(seed: SeededGenerator.derive(seed, "lin", t), intensity: 12)
            go.wrappingAdd(1, ordering: .acquiringAndReleasing)
            while go.load(ordering: .acquiring) < threads.count { spin(1) }
            var events: [HistoryEvent] = []
            for (i, op) in threads[t].enumerated() {
                perturb.step()
                let inv = clock.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
                let result: LinResult
                switch op {
                case .trySend(let v):
                    board[t].begin(.trySend, v)
                    switch ch.trySend(v) {
                    case .sent: result = .sent
                    case .full: result = .full
                    case .closed: result = .closed
                    }
                case .send(let v):
                    board[t].begin(.send, v)
                    result = ch.send(v) == .sent ? .sent : .closed
                case .receive:
                    board[t].begin(.receive)
                    result = ch.receive().map { .value($0) } ?? .closed
                case .tryReceive:
                    board[t].begin(.tryReceive)
                    switch ch.tryReceive() {
                    case .value(let v): result = .value(v)
                    case .empty: result = .empty
                    case .closed: result = .closed
                    }
                case .close:
                    board[t].begin(.close)
                    ch.close()
                    result = .done
                }
                let res = clock.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
                board[t].end()
                events.append(HistoryEvent(thread: t, index: i, operation: op, result: result, invoked: inv, responded: res))
            }
            logs.store(t, events)
        }
        // Blocking operations can be left parked with no partner to come: once every worker
        // has finished or waits and nothing moved for a moment, close() (recorded in a column
        // of its own) ends them, so that every history is complete.
        var closer: [HistoryEvent] = []
        if threads.joined().contains(where: \.mayPark) {
            let quiet = MonotonicDeadline.after(stall)
            var last = (board.progress, monotonicNanoseconds())
            while !group.isFinished && !quiet.hasPassed {
                pause(.microseconds(500))
                let now = monotonicNanoseconds()
                if board.progress != last.0 {
                    last = (board.progress, now)
                } else if now - last.1 > 5_000_000 && board.slots.allSatisfy({ $0.current.mayWait || $0.current == .finished }) {
                    let inv = clock.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
                    ch.close()
                    let res = clock.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
                    closer = [HistoryEvent(thread: threads.count, index: 0, operation: .close, result: .done, invoked: inv, responded: res)]
                    break
                }
            }
        }
        if case .hung(let dump) = group.wait(stall: stall) {
            return (nil, (closer.isEmpty ? "an operation hung\n" : "an operation hung after close()\n") + dump)
        }
        return (History(capacity: capacity, prefill: prefill, threads: threads.count + closer.count,
                        events: logs.all.flatMap { $0 } + closer,
                        parkedSendMayReturnAtClose: d.sendPendingAtClose == .mayReturnUndelivered), nil)
    }
}

package final class EventLogs: Sendable {
    private let logs: PthreadLockedState<[[HistoryEvent]]>
    init(count: Int) { logs = PthreadLockedState(Array(repeating: [], count: count)) }
    func store(_ i: Int, _ e: [HistoryEvent]) { logs.withLock { $0[i] = e } }
    var all: [[HistoryEvent]] { logs.withLock { $0 } }
}

/// Linearizability of the non-blocking operations against ``FifoModel``: short random
/// concurrent histories (2–3 threads, 2–5 operations each, incl. close) are recorded and
/// checked with ``LinearizabilityChecker``. A failing scenario is shrunk (operations removed
/// while it still fails) and printed as a Lincheck-style table.
package enum LinearizabilityCheck {
    static func capacities(_ d: ChannelDescriptor) -> [ChannelCapacity] {
        var caps: [ChannelCapacity] = []
        if d.supportsBounded {
            caps.append(.bounded(max(1, d.minimumBoundedCapacity)))
            if d.minimumBoundedCapacity <= 2 { caps.append(.bounded(2)) }
        }
        if d.supportsUnbounded { caps.append(.unbounded) }
        return caps
    }

    static let check = VerifyCheck.perCapacity(
        name: "linearizability",
        summary: "try/close histories of 2-3 threads linearize against a sequential FIFO model",
        weight: 3, capacities: capacities,
        applicability: { d in
            if !d.supportsTryAndTimeout { return "no try operations (histories need non-blocking ops)" }
            if d.lossy { return "lossy by design (not a FIFO channel)" }
            if !d.linearizableTryOperations { return "declared: try operations are not linearizable (registry)" }
            if capacities(d).isEmpty { return "only capacity 0 (not modelled: try-only histories never have a waiting partner)" }
            return nil
        },
        iterate: { ctx, cap, _ in
            var rng = ctx.rng("scenario")
            return hunt(LinScenario.random(&rng, capacity: cap, quick: ctx.quick), ctx)
        }
    )

    /// Records `scenario` many times; the first non-linearizable history is shrunk and
    /// returned as a failure with its table.
    static func hunt(_ scenario: LinScenario, _ ctx: IterationContext) -> IterationResult {
        let runs = ctx.quick ? 40 : 200
        guard let (history, problem) = firstFailure(scenario, ctx, runs: runs, seedLabel: "run") else { return .passed }
        if let problem { return .failed(message: "\(problem.split(separator: "\n").first ?? "")", counterexample: problem) }
        let (smallest, smallestHistory) = shrink(scenario, history!, ctx)
        return .failed(
            message: "non-linearizable history (\(smallest.operationCount) operations, capacity \(smallest.capacity))",
            counterexample: HistoryTable.render(smallestHistory) + "\nscenario: \(smallest)")
    }

    /// Runs `scenario` up to `runs` times; returns the first non-linearizable history, or a
    /// problem description (hang, broken prefill), or `nil` if every run linearized.
    static func firstFailure(_ s: LinScenario, _ ctx: IterationContext, runs: Int, seedLabel: String) -> (History?, String?)? {
        for r in 0..<runs {
            let (h, problem) = s.record(ctx.descriptor, seed: SeededGenerator.derive(ctx.seed, seedLabel, r), stall: ctx.stall)
            if let problem { return (nil, problem) }
            if case .notLinearizable = LinearizabilityChecker.check(h!) { return (h, nil) }
        }
        return nil
    }

    /// Removes operations (and prefill) one at a time while the smaller scenario still fails.
    static func shrink(_ s: LinScenario, _ h: History, _ ctx: IterationContext) -> (LinScenario, History) {
        var best = (s, h)
        let stop = ctx.shrinkDeadline(.seconds(ctx.quick ? 4 : 15))
        var improved = true
        while improved && !stop.hasPassed {
            improved = false
            var candidates: [LinScenario] = []
            let cur = best.0
            if !cur.prefill.isEmpty {
                var c = cur
                c.prefill.removeLast()
                candidates.append(c)
            }
            for t in cur.threads.indices {
                for i in cur.threads[t].indices {
                    var c = cur
                    c.threads[t].remove(at: i)
                    if c.threads[t].isEmpty { c.threads.remove(at: t) }
                    if c.threads.count >= 1 { candidates.append(c) }
                }
            }
            for c in candidates where !stop.hasPassed {
                if let (hist, problem) = firstFailure(c, ctx, runs: ctx.quick ? 100 : 400, seedLabel: "shrink"), problem == nil, let hist {
                    best = (c, hist)
                    improved = true
                    break
                }
            }
        }
        return best
    }
}
