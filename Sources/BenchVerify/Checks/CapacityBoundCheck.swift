#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Channels
import BenchSupport

/// `count` never exceeds the capacity, `trySend` reports full at capacity, and a blocking
/// `send` completes for exactly `capacity` messages when nobody receives (then waits).
package enum CapacityBoundCheck {
    static let check = VerifyCheck(
        name: "capacity-bound",
        summary: "count <= capacity; trySend full at capacity; send blocks after exactly n",
        minimumIterations: { $0.boundedBufferedCapacities.count },
        applicability: { d in d.boundedBufferedCapacities.isEmpty ? "no bounded capacity >= 1" : nil },
        iterate: { ctx in
            let d = ctx.descriptor
            let cap = ctx.pick(d.boundedBufferedCapacities)
            let n = cap.limit!
            let t = ctx.transcript("capacity \(cap)")

            // 1. Sequential: trySend succeeds exactly n times.
            let ch = ChannelUnderTest<Int>(d, capacity: cap)
            if ch.hasTryOperations && !d.lossy {
                for i in 0..<n {
                    let r = ch.trySend(i)
                    guard t.expect(r == .sent, "trySend(\(i)) -> \(describe(r))", "trySend below capacity must succeed") else { return t.result }
                }
                let c = ch.count
                t.expect(c == n, "count -> \(c)", "count must be \(n) when full")
                let r = ch.trySend(n)
                guard t.expect(r == .full, "trySend(\(n)) -> \(describe(r))", "trySend at capacity must report full") else { return t.result }
                let c2 = ch.count
                guard t.expect(c2 <= n, "count -> \(c2)", "count exceeds capacity \(n)") else { return t.result }
                let v = ch.tryReceive()
                t.expect(v == .value(0), "tryReceive() -> \(describe(v))", "expected the oldest message 0")
                let r2 = ch.trySend(n + 1)
                t.expect(r2 == .sent, "trySend(\(n + 1)) -> \(describe(r2))", "one slot was free")
                let r3 = ch.trySend(n + 2)
                guard t.expect(r3 == .full, "trySend(\(n + 2)) -> \(describe(r3))", "trySend at capacity must report full") else { return t.result }
            }
            ch.close()

            // 2. A producer alone: exactly n sends complete, the next one waits.
            let ch2 = ChannelUnderTest<Int>(d, capacity: cap)
            let board = WorkerBoard(names: ["producer"])
            let group = WorkerGroup.threads(board) { _ in
                for i in 0..<(n + 3) {
                    board[0].begin(.send, i)
                    let r = ch2.send(i)
                    if r != .sent {
                        board[0].finish()
                        return
                    }
                    board[0].end()
                }
            }
            if d.lossy {
                // A dropping buffer never blocks: all sends complete, at most n are kept.
                if case .hung(let dump) = group.wait(stall: ctx.stall) {
                    t.fail("lossy: a send blocked although a dropping buffer never waits\n" + dump)
                    return t.result
                }
                let c = ch2.count
                t.expect(c <= n, "lossy: sent \(n + 3), count -> \(c)", "count exceeds capacity \(n)")
                ch2.close()
                // What is kept is a strictly increasing subsequence of what was sent, and
                // where drops are declared counted, kept + dropped accounts for every send.
                var kept: [Int] = []
                while let x = ch2.receive() { kept.append(x) }
                let ordered = zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 } && kept.allSatisfy { (0..<(n + 3)).contains($0) }
                t.expect(ordered && kept.count <= n, "lossy: drained \(kept)", "kept messages must be at most \(n), in send order, none invented or duplicated")
                if let dropped = ch2.declaredDrops {
                    t.expect(kept.count + dropped == n + 3, "lossy: kept \(kept.count) + dropped \(dropped)", "kept + dropped must equal the \(n + 3) sends")
                }
                return t.result
            }
            if let watermark = d.watermark {
                checkWatermarkProducerAlone(ch2, watermark: watermark, board: board, group: group, n: n, ctx: ctx, t: t)
                if t.failed { return t.result }
            } else {
                // Wait (generously: a busy machine may starve the producer) until n sends
                // completed, then give an over-committing channel a moment to complete more.
                // Fewer than n after the whole stall time is a send blocked below capacity.
                let filled = waitUntil(ctx.stall) { board[0].completedCount >= n }
                pause(.milliseconds(ctx.quick ? 15 : 40))
                let done = board[0].completedCount
                let c = ch2.count
                t.expect(done == n, "producer alone: \(done) of \(n + 3) sends completed",
                         filled ? "exactly \(n) sends may complete into capacity \(n)"
                                : "a send blocked below capacity \(n) (no progress for \(ctx.stall))")
                t.expect(c <= n, "count -> \(c)", "count exceeds capacity \(n)")
                let v = ch2.receive()
                t.expect(v == 0, "receive() -> \(v.map(String.init) ?? "nil")", "expected the oldest message 0")
                let freed = waitUntil(ctx.stall) { board[0].completedCount > done }
                pause(.milliseconds(5))
                let done2 = board[0].completedCount
                t.expect(done2 == n + 1, "after one receive: \(done2) sends completed",
                         freed ? "one receive frees exactly one slot"
                               : "a receive from a full channel did not release the blocked send (no progress for \(ctx.stall))")
                ch2.close()
                if case .hung(let dump) = group.wait(stall: ctx.stall) {
                    t.fail("close did not release the blocked sender\n" + dump)
                    return t.result
                }
                var drained: [Int] = []
                while let x = ch2.receive() { drained.append(x) }
                t.expect(drained == Array(1...n), "drain after close -> \(drained)", "expected 1...\(n) in order")
                if t.failed { return t.result }
            }

            // 3. Concurrent: producers and a consumer race while the runner samples count.
            let ch3 = ChannelUnderTest<Int>(d, capacity: cap)
            let p = d.multiProducer ? 3 : 1
            let per = ctx.quick ? 300 : 3000
            let board3 = WorkerBoard(names: (0..<p).map { "producer \($0)" } + ["consumer"])
            let producersLeft = Atomic<Int>(p)
            let group3 = WorkerGroup.threads(board3) { w in
                var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "cap", w))
                if w < p {
                    for i in 0..<per {
                        perturb.step()
                        board3[w].begin(.send, i)
                        _ = ch3.send(MessageCode.make(producer: w, sequence: i))
                        board3[w].end()
                    }
                    if producersLeft.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0 { ch3.close() }
                } else {
                    while true {
                        perturb.step()
                        board3[w].begin(.receive)
                        let v = ch3.receive()
                        board3[w].end()
                        if v == nil { break }
                    }
                }
            }
            // A hard capacity bounds count by n; a declared watermark by what the registry
            // declares for p producers (`countBound`: each may add one past the mark).
            let bound = d.countBound(capacity: cap, producers: p)!
            // Sample count until the workers finish (or stop making progress: the watchdog
            // below then reports the hang).
            var maxSeen = 0
            var lastProgress = -1
            var lastChange = MonotonicDeadline.now()
            while !group3.isFinished {
                maxSeen = max(maxSeen, ch3.count)
                if maxSeen > bound { break }
                let progress = board3.progress
                if progress != lastProgress {
                    lastProgress = progress
                    lastChange = .now()
                } else if MonotonicDeadline.now().nanoseconds - lastChange.nanoseconds > 1_000_000_000 {
                    break
                }
                sched_yield()
            }
            t.expect(maxSeen <= bound, "concurrent: \(p) producers × \(per), 1 consumer; max count sampled \(maxSeen) (bound \(bound))",
                     bound == n ? "count exceeds capacity \(n)" : "count exceeds the declared watermark bound \(bound)")
            if case .hung(let dump) = group3.wait(stall: ctx.stall) { t.fail("hang\n" + dump) }
            return t.result
        }
    )

    /// Step 2 for a declared ``ChannelDescriptor/CapacityEnforcement/watermark(_:)``: a lone
    /// producer completes `high - 1` sends, the one reaching the high mark is buffered and its
    /// send waits; the wait ends once the level falls *below the low mark*
    /// (not after a single receive), and then the producer runs until the level is back at
    /// the high mark. Close releases a waiting send whose element was accepted: it returns
    /// normally and its element is drained with the rest.
    static func checkWatermarkProducerAlone(_ ch: ChannelUnderTest<Int>, watermark: ChannelDescriptor.Watermark,
                                            board: WorkerBoard, group: WorkerGroup,
                                            n: Int, ctx: IterationContext, t: Transcript) {
        let d = ctx.descriptor
        let (low, high) = watermark.marks(n)
        let alone = d.sendsCompletingWithoutReceiver(.bounded(n))!
        _ = waitUntil(ctx.stall) { board[0].completedCount >= alone && board[0].current == .send }
        pause(.milliseconds(ctx.quick ? 15 : 40))
        let done = board[0].completedCount
        let c = ch.count
        let bound = d.countBound(capacity: .bounded(n), producers: 1)!
        t.expect(done == alone, "watermark(low: \(low), high: \(high)), producer alone: \(done) of \(n + 3) sends completed",
                 "exactly \(alone) sends may complete before the one reaching the high mark waits")
        t.expect(c <= bound, "count -> \(c)", "count exceeds the declared watermark bound \(bound)")
        if t.failed { ch.close(); _ = group.wait(stall: ctx.stall); return }
        // Receive until the level (n buffered) is below the low mark: n - low + 1 receives.
        let receives = max(1, n - low + 1)
        var got: [Int] = []
        for _ in 0..<receives { if let v = ch.receive() { got.append(v) } }
        t.expect(got == Array(0..<receives), "receive() ×\(receives) -> \(got)", "expected the oldest messages in order")
        let released = waitUntil(ctx.stall) { board[0].completedCount > done || board[0].current == .finished }
        pause(.milliseconds(5))
        let done2 = board[0].completedCount
        // Resumed at level low - 1, the producer completes sends until the level is back at
        // the high mark: the waiting one plus (high - low) more, or all n + 3.
        let most = min(n + 3, done + 1 + (high - low))
        t.expect(released && done2 > done && done2 <= most,
                 "level below the low mark after \(receives) receive(s): \(done2) sends completed",
                 "the waiting send must resume once the level is below the low mark, and at most \(most) sends may have completed")
        ch.close()
        if case .hung(let dump) = group.wait(stall: ctx.stall) {
            t.fail("close did not release the waiting sender\n" + dump)
            return
        }
        // Every send that returned normally was accepted (a watermark buffers before the wait).
        let sent = board[0].completedCount
        var drained: [Int] = []
        while let x = ch.receive() { drained.append(x) }
        t.expect(drained == Array(receives..<sent), "drain after close -> \(drained)",
                 "expected \(receives)..<\(sent): every send that returned normally, in order")
    }
}
