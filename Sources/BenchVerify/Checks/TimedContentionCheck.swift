import Synchronization
import Channels
import BenchSupport

/// Timed operations against competing senders and receivers, not on an idle channel: a
/// timed-out operation changes nothing (its message is never delivered, it took none), every
/// send that reported `sent` is received exactly once, and no timed operation reports
/// `timedOut` before its deadline — also not when it was woken and another thread took the
/// element or slot first (it must wait on for the rest of its time).
package enum TimedContentionCheck {
    static let check = VerifyCheck.perCapacity(
        name: "timed-contention",
        summary: "timed send/receive racing plain ones: no early timeout, timed-out ops change nothing, exactly once",
        weight: 2,
        applicability: { d in
            if !d.supportsTryAndTimeout { return "no try/timeout operations" }
            return nil
        },
        iterate: { ctx, cap, t in
            let d = ctx.descriptor
            let ch = ChannelUnderTest<Int>(d, capacity: cap)
            guard ch.hasTryOperations else {
                t.fail("registry claims try/timeout but the channel does not conform to TimedSuspendingChannel")
                return t.result
            }
            let p = d.multiProducer ? 3 : 1
            let c = d.multiConsumer ? 3 : 1
            let per = ctx.quick ? 600 : 6000
            // A long timeout never expires while traffic flows: if one reports timedOut it
            // gave up early. Short ones expire often, and must still wait their whole time.
            let long: Duration = .seconds(10)
            let board = WorkerBoard(names: (0..<p).map { "producer \($0)" } + (0..<c).map { "consumer \($0)" })
            let sent = ConsumerLogs(count: p)
            let timedOut = ConsumerLogs(count: p)
            let received = ConsumerLogs(count: c)
            let early = PthreadLockedState<String?>(nil)
            let producersLeft = Atomic<Int>(p)
            @Sendable func tooEarly(_ what: String, _ timeout: Duration, _ ns: UInt64) {
                if ns < nanoseconds(timeout) {
                    early.withLock { if $0 == nil { $0 = "\(what) returned timedOut after \(ms(ns)), before its \(timeout) deadline" } }
                }
            }
            let group = WorkerGroup.threads(board) { w in
                var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "timed", w))
                var rng = ctx.rng("timed ops \(w)")
                if w < p {
                    var ok: [Int] = [], gaveUp: [Int] = []
                    for i in 0..<per {
                        perturb.step()
                        let code = MessageCode.make(producer: w, sequence: i)
                        let kind = rng.next() % 3
                        if kind == 0 {
                            board[w].begin(.send, code)
                            if ch.send(code) == .sent { ok.append(code) }
                        } else {
                            let timeout: Duration = kind == 1 ? .microseconds(Int(rng.next() % 400)) : long
                            board[w].begin(.sendTimeout, code)
                            let (r, ns) = timed { ch.send(code, timeout: timeout) }
                            switch r {
                            case .sent: ok.append(code)
                            case .timedOut: gaveUp.append(code); tooEarly("send(\(MessageCode.describe(code)), timeout: \(timeout))", timeout, ns)
                            case .closed: early.withLock { if $0 == nil { $0 = "send(timeout:) reported closed on a channel nobody closed" } }
                            }
                        }
                        board[w].end()
                    }
                    sent.store(w, ok)
                    timedOut.store(w, gaveUp)
                    if producersLeft.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0 { ch.close() }
                    return
                }
                var got: [Int] = []
                receiving: while true {
                    perturb.step()
                    let kind = rng.next() % 3
                    if kind == 0 {
                        board[w].begin(.receive)
                        guard let v = ch.receive() else { break receiving }
                        got.append(v)
                    } else {
                        let timeout: Duration = kind == 1 ? .microseconds(Int(rng.next() % 400)) : long
                        board[w].begin(.receiveTimeout)
                        let (r, ns) = timed { ch.receive(timeout: timeout) }
                        switch r {
                        case .value(let v): got.append(v)
                        case .timedOut: tooEarly("receive(timeout: \(timeout))", timeout, ns)
                        case .closed: break receiving
                        }
                    }
                    board[w].end()
                }
                received.store(w - p, got)
            }
            if case .hung(let dump) = group.wait(stall: ctx.stall) {
                ch.close()
                t.fail("\(p) producers × \(per), \(c) consumers, timed and plain operations mixed: stalled\n" + dump)
                return t.result
            }
            if let e = early.withLock({ $0 }) { t.fail(e); return t.result }
            let ok = Set(sent.all.joined()), gaveUp = timedOut.all.joined().count
            let all = received.all.flatMap { $0 }
            t.note("\(p) producers × \(per), \(c) consumers: \(ok.count) sent, \(gaveUp) timed out, \(all.count) received")
            if let f = DeliveryLedger.check(received.all, sent: ok, producers: p, lossless: !d.lossy) { t.fail(f) }
            return t.result
        }
    )

    private static func nanoseconds(_ d: Duration) -> UInt64 {
        let (s, a) = d.components
        return s < 0 ? 0 : UInt64(s) * 1_000_000_000 + UInt64(a / 1_000_000_000)
    }
}
