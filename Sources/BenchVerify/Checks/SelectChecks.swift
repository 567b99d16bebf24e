import Channels
import BenchSupport

/// What the select checks need of a channel: one that takes part in the blocking select, or an
/// actor channel for the async one, at the capacities its descriptor allows a select at.
enum SelectUnderTest {
    /// `nil` if `d` can be checked, else why not.
    static func inapplicable(_ d: ChannelDescriptor) -> String? {
        switch d.select {
        case .unsupported: return "takes no part in a select"
        case .async, .blocking, .blockingExceptRendezvous: return capacities(d).isEmpty ? "no capacity a select may wait on" : nil
        }
    }

    /// `count` actor channels of `d` for the async select, or `nil` (with the reason in `t`).
    static func makeActors(_ d: ChannelDescriptor, capacity: ChannelCapacity, count: Int,
                           _ t: Transcript) -> [ActorChannel<Int>]? {
        var channels: [ActorChannel<Int>] = []
        for _ in 0..<count {
            guard let ch = d.makeSuspending(Int.self, capacity: capacity) as? ActorChannel<Int> else {
                t.fail("the descriptor declares the async select, but its channels are not ActorChannel (the only kind AsyncSelect waits on)")
                return nil
            }
            channels.append(ch)
        }
        return channels
    }

    static func capacities(_ d: ChannelDescriptor) -> [ChannelCapacity] {
        d.verifyCapacities.filter { d.selectable(at: $0) }
    }

    /// `count` channels of `d`, or `nil` (with the reason in `t`) if its channels do not
    /// conform to ``SelectableChannel`` although the descriptor says they take part.
    static func make(_ d: ChannelDescriptor, capacity: ChannelCapacity, count: Int,
                     _ t: Transcript) -> [any SelectableChannel<Int>]? {
        var channels: [any SelectableChannel<Int>] = []
        for _ in 0..<count {
            guard let ch = d.makeBlocking(Int.self, capacity: capacity) as? any SelectableChannel<Int> else {
                t.fail("the descriptor declares select participation \(d.select), but its channels do not conform to SelectableChannel")
                return nil
            }
            channels.append(ch)
        }
        return channels
    }
}

/// Exactly one operation per select, and nothing lost or duplicated by a select that gave up
/// (async: or was cancelled):
/// 2–4 channels; half the producers send plainly on one channel, the others send each message
/// by one select over all channels, in the blocking, `default` (tryWait) and timeout forms at
/// random (a form that returned nothing is retried with the same message, so an element it
/// secretly delivered shows as a duplicate); consumers receive by selecting over all channels
/// in the same three forms. Checked: every message received exactly once, per-producer FIFO
/// per channel.
package enum SelectExactlyOnceCheck {
    static let check = VerifyCheck(
        name: "select-exactly-once",
        summary: "selects over 2-4 channels (wait, tryWait, timeout, cancel): one operation each, nothing lost or doubled",
        weight: 2,
        minimumIterations: { SelectUnderTest.capacities($0).count },
        applicability: { SelectUnderTest.inapplicable($0) },
        iterate: { ctx in
            if ctx.descriptor.kind == .async { return iterateAsync(ctx) }
            let s = SelectScenario(ctx, perProducer: ctx.quick ? 300 : 3000)
            let t = ctx.transcript(s.description)
            guard let chs = SelectUnderTest.make(ctx.descriptor, capacity: s.capacity, count: s.channelCount, t) else { return t.result }
            let k = s.channelCount
            let group = WorkerGroup.threads(s.board) { w in
                var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "worker", w))
                var forms = SeededGenerator(seed: SeededGenerator.derive(ctx.seed, "form", w))
                let slot = s.board[w]
                if w < s.producers {
                    for seq in 0..<s.perProducer {
                        let code = MessageCode.make(producer: w, sequence: seq)
                        perturb.step()
                        if w % 2 == 0 {
                            slot.begin(.send, code)
                            _ = try? chs[w % k].send(code)
                            slot.end()
                            continue
                        }
                        var select = Select<Bool>(seed: forms.next())
                        for ch in chs { select.send(code, to: ch) { (try? $0.get()) != nil } }
                        slot.begin(.select, code)
                        while SelectForm.random(&forms).run(&select) == nil { perturb.step() }
                        slot.end()
                    }
                    if s.producersLeft.release() { for ch in chs { ch.close() } }
                } else {
                    var got = Array(repeating: [Int](), count: k)
                    var open = Array(0..<k)
                    while !open.isEmpty {
                        var select = Select<(channel: Int, value: Int?)>(seed: forms.next())
                        for i in open { select.receive(from: chs[i]) { (i, $0) } }
                        perturb.step()
                        slot.begin(.select)
                        guard let (i, value) = SelectForm.random(&forms).run(&select) else {
                            slot.end()
                            continue
                        }
                        slot.end()
                        if let value { got[i].append(value) } else { open.removeAll { $0 == i } }
                    }
                    s.store(consumer: w, got)
                }
            }
            return s.finish(group, t, stall: ctx.stall) { for ch in chs { ch.close() } }
        }
    )
}

extension SelectExactlyOnceCheck {
    /// The same scenario over actor channels with ``AsyncSelect``, which adds a fourth form: a
    /// select cancelled after a random moment, which must have performed its operation or none.
    static func iterateAsync(_ ctx: IterationContext) -> IterationResult {
        let s = SelectScenario(ctx, perProducer: ctx.quick ? 200 : 2000)
        let t = ctx.transcript("async, " + s.description)
        guard let chs = SelectUnderTest.makeActors(ctx.descriptor, capacity: s.capacity, count: s.channelCount, t) else { return t.result }
        let k = s.channelCount
        let group = WorkerGroup.tasks(s.board) { w in
            var forms = SeededGenerator(seed: SeededGenerator.derive(ctx.seed, "form", w))
            let slot = s.board[w]
            if w < s.producers {
                for seq in 0..<s.perProducer {
                    let code = MessageCode.make(producer: w, sequence: seq)
                    if seq % 64 == 63 { await Task.yield() }
                    if w % 2 == 0 {
                        slot.begin(.send, code)
                        _ = try? await chs[w % k].send(code)
                        slot.end()
                        continue
                    }
                    slot.begin(.select, code)
                    while await AsyncSelectForm.random(&forms).run({
                        var select = AsyncSelect<Bool>()
                        for ch in chs { select.send(code, to: ch) { (try? $0.get()) != nil } }
                        return select
                    }) == nil {
                        await Task.yield()
                    }
                    slot.end()
                }
                if s.producersLeft.release() { for ch in chs { ch.close() } }
            } else {
                var got = Array(repeating: [Int](), count: k)
                var open = Array(0..<k)
                while !open.isEmpty {
                    let receiving = open
                    slot.begin(.select)
                    let outcome = await AsyncSelectForm.random(&forms).run({
                        var select = AsyncSelect<SelectedValue>()
                        for i in receiving { select.receive(from: chs[i]) { SelectedValue(channel: i, value: $0) } }
                        return select
                    })
                    slot.end()
                    guard let outcome else {
                        await Task.yield()
                        continue
                    }
                    if let value = outcome.value { got[outcome.channel].append(value) } else { open.removeAll { $0 == outcome.channel } }
                }
                s.store(consumer: w, got)
            }
        }
        return s.finish(group, t, stall: ctx.stall) { for ch in chs { ch.close() } }
    }
}

/// The shape of one select-exactly-once iteration, the same in its blocking and async forms
/// (only the workers differ): the channels, the producers and consumers over them, the
/// worker board, the consumers' logs, and the ending that checks them.
struct SelectScenario: Sendable, CustomStringConvertible {
    let capacity: ChannelCapacity
    /// How many channels each select waits on.
    let channelCount: Int
    let producers: Int
    let consumers: Int
    let perProducer: Int
    let lossy: Bool
    /// Producers first, then consumers.
    let board: WorkerBoard
    /// One log per consumer and channel: FIFO is promised per channel.
    let logs: ConsumerLogs
    /// The producers still sending: the last one to finish closes every channel.
    let producersLeft: HandleCount

    /// The shape drawn from `ctx`'s seed, so a replayed seed runs the same shape.
    init(_ ctx: IterationContext, perProducer: Int) {
        let d = ctx.descriptor
        capacity = ctx.pick(SelectUnderTest.capacities(d))
        var rng = ctx.rng("select-shape")
        channelCount = 2 + Int(rng.next() % 3)
        producers = d.multiProducer ? 2 + Int(rng.next() % 3) : 1
        consumers = d.multiConsumer ? 1 + Int(rng.next() % 3) : 1
        self.perProducer = perProducer
        lossy = d.lossy
        board = WorkerBoard(names: (0..<producers).map { "producer \($0)" } + (0..<consumers).map { "consumer \($0)" })
        logs = ConsumerLogs(count: consumers * channelCount)
        producersLeft = HandleCount(producers)
    }

    var description: String {
        "capacity \(capacity), \(channelCount) channels, \(producers) producers, \(consumers) consumers, \(perProducer) messages each"
    }

    /// Stores what worker `w` (a consumer) received from each channel.
    func store(consumer w: Int, _ received: [[Int]]) {
        for (channel, log) in received.enumerated() { logs.store((w - producers) * channelCount + channel, log) }
    }

    /// Waits for the workers (on a hang: `closeAll`, to release them, and the board's dump),
    /// then checks that every message was received exactly once, in order per producer and
    /// channel.
    func finish(_ group: WorkerGroup, _ t: Transcript, stall: Duration, closeAll: () -> Void) -> IterationResult {
        if case .hung(let dump) = group.wait(stall: stall) {
            closeAll()
            t.fail("a worker stopped making progress\n" + dump)
            return t.result
        }
        // Each message: one send (plain or select) and one receiving select.
        OperationCount.add(2 * producers * perProducer)
        if let (message, detail) = DeliveryLedger.check(logs.all, producers: producers, perProducer: perProducer, lossy: lossy) {
            t.fail(message + "\n" + detail + " (logs are per consumer and channel: consumer = log / \(channelCount), channel = log % \(channelCount))")
        }
        return t.result
    }
}

/// What a receiving select returned: the channel, and its element or `nil` (closed, drained).
struct SelectedValue: Sendable {
    let channel: Int
    let value: Int?
}

/// The forms an async select is waited in, picked at random per select.
enum AsyncSelectForm {
    case wait, tryWait, timeout(Duration), cancelled(after: Duration)

    static func random(_ rng: inout SeededGenerator) -> AsyncSelectForm {
        switch rng.next() % 5 {
        case 0: return .tryWait
        case 1: return .timeout(.microseconds(Int64(20 + rng.next() % 500)))
        case 2: return .cancelled(after: .microseconds(Int64(rng.next() % 300)))
        default: return .wait
        }
    }

    /// The select's result, or `nil` when this form performed nothing. The select is made in
    /// the task that waits on it (a select is not `Sendable`).
    func run<Value: Sendable>(_ make: @escaping @Sendable () -> AsyncSelect<Value>) async -> Value? {
        switch self {
        case .wait: return try? await make().wait()
        case .tryWait: return make().tryWait()
        case .timeout(let d): return (try? await make().wait(timeout: d)) ?? nil
        case .cancelled(let after):
            let waiting = Task { try await make().wait() }
            try? await Task.sleep(for: after)
            waiting.cancel()
            return try? await waiting.value
        }
    }
}

/// The three forms a select is waited in, picked at random per select.
enum SelectForm {
    case wait, tryWait, timeout(Duration)

    static func random(_ rng: inout SeededGenerator) -> SelectForm {
        switch rng.next() % 4 {
        case 0: return .tryWait
        case 1: return .timeout(.microseconds(Int64(20 + rng.next() % 500)))
        default: return .wait
        }
    }

    /// The select's result, or `nil` when this form performed nothing.
    func run<Output>(_ select: inout Select<Output>) -> Output? {
        switch self {
        case .wait: return select.wait()
        case .tryWait: return select.tryWait()
        case .timeout(let d): return select.wait(timeout: d)
        }
    }
}

/// A select parked on several channels is woken by whichever changes: k receives on empty
/// channels, then a send on one chosen at random (the select must return that element from
/// that channel) or a close of one (the select must report that channel closed); and the
/// mirror, k sends to full bounded channels, then one receive makes room (the select must
/// complete its send into that channel). A channel that does not notify a registered select
/// leaves it parked, and the watchdog says so. Blocking selects park a thread, async ones a task.
package enum SelectWakeupCheck {
    static let check = VerifyCheck(
        name: "select-wakeup",
        summary: "a select parked on 2-4 channels is woken by a send on, room in, or close of any one",
        minimumIterations: { SelectUnderTest.capacities($0).count },
        applicability: { SelectUnderTest.inapplicable($0) },
        iterate: { ctx in
            let d = ctx.descriptor
            let cap = ctx.pick(SelectUnderTest.capacities(d))
            var rng = ctx.rng("select-wakeup")
            let t = ctx.transcript("capacity \(cap)\(d.kind == .async ? ", async" : "")")
            let rounds = ctx.quick ? 10 : 40
            for round in 0..<rounds {
                let k = 2 + Int(rng.next() % 3)
                let target = Int(rng.next() % UInt64(k))
                let closes = rng.next() % 3 == 0
                guard let chs = SelectSubject.make(d, capacity: cap, count: k, t) else { return t.result }
                let (group, results) = chs.parkReceiver(ctx.stall, .microseconds(Int64(200 + rng.next() % 1000)))
                let what = closes ? "close of channel \(target)" : "send of \(round) on channel \(target)"
                if closes {
                    chs.close(target)
                } else if !waitUntil(ctx.stall, { chs.trySend(target, round) != .full }) {
                    // At capacity 0 a send completes only into a registered select, and on a busy
                    // machine the select may not have registered yet: offered until taken.
                    chs.closeAll()
                    group.cancelTasks()
                    t.fail("round \(round): a select waiting on \(k) channels never took the \(what) (no room within \(ctx.stall))")
                    return t.result
                }
                if case .hung(let dump) = group.wait(stall: ctx.stall) {
                    chs.closeAll()
                    group.cancelTasks()
                    t.fail("round \(round): a select parked on \(k) empty channels was not woken by the \(what)\n" + dump)
                    return t.result
                }
                let got = results.withLock { $0[0] }
                guard t.expect(got?.channel == target && got?.value == (closes ? nil : round),
                               "round \(round): after the \(what) the select returned \(String(describing: got))",
                               "expected channel \(target) with \(closes ? "nil (closed)" : String(round))") else { return t.result }
                chs.closeAll()
                OperationCount.add(2)
            }
            guard let n = cap.limit, n > 0, !d.lossy else { return t.result }
            for round in 0..<rounds {
                let k = 2 + Int(rng.next() % 3)
                let target = Int(rng.next() % UInt64(k))
                guard let chs = SelectSubject.make(d, capacity: cap, count: k, t) else { return t.result }
                for c in 0..<k { for i in 0..<n { _ = chs.trySend(c, -1 - i) } }
                let (group, results) = chs.parkSender(round, ctx.stall, .microseconds(Int64(200 + rng.next() % 1000)))
                _ = chs.tryReceive(target)
                if case .hung(let dump) = group.wait(stall: ctx.stall) {
                    chs.closeAll()
                    group.cancelTasks()
                    t.fail("round \(round): a select sending to \(k) full channels was not woken by a receive on channel \(target)\n" + dump)
                    return t.result
                }
                let got = results.withLock { $0[0] }
                guard t.expect(got == target, "round \(round): room appeared in channel \(target), the select sent to \(String(describing: got))",
                               "expected it to send to channel \(target), the only one with room") else { return t.result }
                var drained: [Int] = []
                while case .value(let v) = chs.tryReceive(target) { drained.append(v) }
                guard t.expect(drained.last == round, "round \(round): channel \(target) then held \(drained)",
                               "expected \(round) last, after what was buffered") else { return t.result }
                chs.closeAll()
            }
            return t.result
        }
    )
}

/// When several operations are ready, each is chosen with about equal probability: k
/// channels each kept non-empty, many `tryWait` selects over all of them, and the counts per
/// channel tested against uniform (Pearson's chi-square, rejected only beyond the 1e-6 tail:
/// a fair select fails about once in a million iterations, one that favours a position or a
/// channel fails at once). Single-threaded: the outcome depends on the select's choices only.
package enum SelectFairnessCheck {
    static let check = VerifyCheck(
        name: "select-fairness",
        summary: "with 2-6 channels ready, each is chosen about equally often (chi-square, p > 1e-6)",
        minimumIterations: { _ in 2 },
        applicability: { d in
            if let reason = SelectUnderTest.inapplicable(d) { return reason }
            return SelectUnderTest.capacities(d).contains { $0.limit != 0 } ? nil : "no buffered capacity to keep channels ready"
        },
        iterate: { ctx in
            let d = ctx.descriptor
            let cap = ctx.pick(SelectUnderTest.capacities(d).filter { $0.limit != 0 })
            var rng = ctx.rng("select-fairness")
            let k = 2 + Int(rng.next() % 5)
            let selects = (ctx.quick ? 300 : 2000) * k
            let t = ctx.transcript("capacity \(cap), \(k) channels, \(selects) selects\(d.kind == .async ? ", async" : "")")
            guard let chs = SelectSubject.make(d, capacity: cap, count: k, t) else { return t.result }
            for c in 0..<k { _ = chs.trySend(c, 0) }
            let pickReady = chs.readyPicker(rng.next())
            var counts = Array(repeating: 0, count: k)
            for n in 0..<selects {
                guard let i = pickReady() else {
                    t.fail("select \(n): tryWait found nothing ready although every channel held an element")
                    return t.result
                }
                counts[i] += 1
                OperationCount.add(2)
                // Refill the channel just taken from, so every channel stays ready.
                guard t.expect(chs.trySend(i, n) == .sent, "select \(n): refilling channel \(i) failed",
                               "a channel that just gave up its one element has room") else { return t.result }
            }
            let chiSquare = ChiSquare.statistic(counts)
            let critical = ChiSquare.critical(degreesOfFreedom: k - 1, tail: .oneInAMillion)
            _ = t.expect(chiSquare <= critical,
                         "counts per channel \(counts) over \(selects) selects: chi-square \(DecimalText.fixed(chiSquare, 1))",
                         "at most \(DecimalText.fixed(critical, 1)) (uniform, p = 1e-6)")
            chs.closeAll()
            return t.result
        }
    )
}
