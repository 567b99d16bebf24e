import Synchronization
import Channels

/// The non-blocking and deadline operations: try ops never wait and report empty / full /
/// closed correctly; a timed-out operation returns no earlier than its deadline and changes
/// nothing; a timed operation that gets its partner in time succeeds; after close they say
/// closed (receivers only once drained).
package enum TryTimeoutCheck {
    static let check = VerifyCheck.perCapacity(
        name: "try-timeout",
        summary: "trySend/tryReceive results; timeouts return no earlier than asked; closed after close",
        applicability: { d in
            d.supportsTryAndTimeout ? nil : "no try/timeout operations"
        },
        iterate: { ctx, cap, t in
            let d = ctx.descriptor
            let wait: Duration = .milliseconds(ctx.quick ? 10 : 25)
            let waitNs = UInt64(wait.components.attoseconds / 1_000_000_000) + UInt64(wait.components.seconds) * 1_000_000_000
            let ch = ChannelUnderTest<Int>(d, capacity: cap)
            guard ch.hasTryOperations else {
                t.fail("registry claims try/timeout but the channel does not conform to TimedSuspendingChannel")
                return t.result
            }
            let e = ch.tryReceive()
            t.expect(e == .empty, "tryReceive() on empty -> \(describe(e))", "expected empty")
            let (rt, rtNs) = timed { ch.receive(timeout: wait) }
            t.expect(rt == .timedOut, "receive(timeout: \(wait)) on empty -> \(describe(rt))", "expected timedOut")
            t.expect(rtNs >= waitNs, "  returned after \(ms(rtNs))", "receive(timeout:) returned before its deadline")
            // A deadline already passed behaves like the try operation, never like a plain wait.
            for past in [Duration.zero, .milliseconds(-5)] {
                let r = ch.receive(timeout: past)
                t.expect(r == .timedOut, "receive(timeout: \(past)) on empty -> \(describe(r))", "expected timedOut")
            }

            let n = cap.limit ?? 64
            if !d.lossy {
                for i in 0..<n {
                    let r = ch.trySend(i)
                    if !t.expect(r == .sent, "trySend(\(i)) -> \(describe(r))", "trySend below capacity must succeed") { return t.result }
                }
                if cap.limit != nil {
                    let r = ch.trySend(n)
                    t.expect(r == .full, "trySend(\(n)) at capacity -> \(describe(r))", "expected full")
                    let (st, stNs) = timed { ch.send(n, timeout: wait) }
                    t.expect(st == .timedOut, "send(\(n), timeout: \(wait)) at capacity -> \(describe(st))", "expected timedOut")
                    t.expect(stNs >= waitNs, "  returned after \(ms(stNs))", "send(timeout:) returned before its deadline")
                    let z = ch.send(n, timeout: .zero)
                    t.expect(z == .timedOut, "send(\(n), timeout: .zero) at capacity -> \(describe(z))", "expected timedOut")
                } else {
                    let z = ch.send(n, timeout: .zero)
                    t.expect(z == .sent, "send(\(n), timeout: .zero) unbounded -> \(describe(z))", "an unbounded channel always has room")
                }
                for i in 0..<(cap.limit == nil ? n + 1 : n) {
                    let r = ch.tryReceive()
                    if !t.expect(r == .value(i), "tryReceive() -> \(describe(r))", "expected \(i) (FIFO, timed-out send must not have delivered)") { return t.result }
                }
                let r = ch.tryReceive()
                t.expect(r == .empty, "tryReceive() -> \(describe(r))", "expected empty after draining")
            }

            // A partner arriving while a timed operation waits: it succeeds.
            let board = WorkerBoard(names: ["timed receiver"])
            let got = Atomic<Int>(-1)
            let group = WorkerGroup.threads(board) { _ in
                board[0].begin(.receiveTimeout)
                let r = ch.receive(timeout: .seconds(60))
                got.store(r.value ?? -2, ordering: .releasing)
                board[0].end()
            }
            _ = waitUntil(ctx.stall) { board[0].current == .receiveTimeout }
            pause(wait)
            let s = ch.send(1000)
            t.expect(s == .sent, "send(1000) while a receive(timeout: 60s) waits -> \(s)", "expected sent")
            if case .hung(let dump) = group.wait(stall: ctx.stall) { t.fail("timed receiver did not return\n" + dump); return t.result }
            let g = got.load(ordering: .acquiring)
            t.expect(g == 1000, "  receive(timeout:) -> \(g)", "expected value 1000")

            if cap.limit != nil && !d.lossy {
                for i in 0..<n { _ = ch.trySend(i) }
                let board2 = WorkerBoard(names: ["timed sender"])
                let sent = Atomic<Int>(-1)
                let group2 = WorkerGroup.threads(board2) { _ in
                    board2[0].begin(.sendTimeout, 2000)
                    let r = ch.send(2000, timeout: .seconds(60))
                    sent.store(r == .sent ? 1 : 0, ordering: .releasing)
                    board2[0].end()
                }
                _ = waitUntil(ctx.stall) { board2[0].current == .sendTimeout }
                pause(wait)
                var drained: [Int] = []
                for _ in 0...n { if let v = ch.receive() { drained.append(v) } }
                if case .hung(let dump) = group2.wait(stall: ctx.stall) { t.fail("timed sender did not return\n" + dump); return t.result }
                t.expect(sent.load(ordering: .acquiring) == 1, "send(2000, timeout: 60s) while full, then \(n + 1) receives -> \(sent.load(ordering: .acquiring) == 1 ? "sent" : "not sent")", "expected sent")
                t.expect(drained == Array(0..<n) + [2000], "  received \(drained)", "expected 0..<\(n) then 2000")
            }

            ch.close()
            let a = ch.trySend(3000)
            t.expect(a == .closed, "close(); trySend(3000) -> \(describe(a))", "expected closed")
            let (b, bNs) = timed { ch.send(3001, timeout: .seconds(2)) }
            t.expect(b == .closed, "send(3001, timeout: 2s) -> \(describe(b)) after \(ms(bNs))", "expected closed")
            let c = ch.tryReceive()
            t.expect(c == .closed, "tryReceive() -> \(describe(c))", "closed and drained: expected closed")
            let r = ch.receive(timeout: .seconds(2))
            t.expect(r == .closed, "receive(timeout: 2s) -> \(describe(r))", "closed and drained: expected closed")
            return t.result
        }
    )
}
