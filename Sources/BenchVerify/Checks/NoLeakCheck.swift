import Synchronization

/// Payloads are released as soon as the channel is done with them (counted by a class
/// payload's deinit): a received one at once, while the channel lives on; a refused one (full,
/// timed out, closed) at once; the buffered ones when the channel is dropped.
package enum NoLeakCheck {
    static let check = VerifyCheck.perCapacity(
        name: "no-leak",
        summary: "received and refused payloads released at once, buffered ones when the channel goes away",
        iterate: { ctx, cap, t in
            let d = ctx.descriptor
            let live = LiveCounter()
            do {
                var ch: ChannelUnderTest<Tracked>? = ChannelUnderTest(d, capacity: cap)
                var buffered = 0
                // Sequential sends only fill what completes without a receiver (one less
                // than the capacity for a declared watermark), so the runner never blocks.
                let fill = d.sendsCompletingWithoutReceiver(cap)
                if cap != .bounded(0) {
                    let k = min(fill ?? 16, 16)
                    buffered = k - k / 2
                    for i in 0..<k { _ = ch!.send(Tracked(i, live)) }
                    for _ in 0..<(k / 2) { _ = ch!.receive() }
                    // A received element belongs to the receiver: the channel must not keep
                    // it alive (a slot not cleared on receive), even while it lives on.
                    let released = waitUntil(ctx.stall) { d.lossy ? live.count <= buffered : live.count == buffered }
                    guard t.expect(released, "sent \(k) payloads, received and dropped \(k / 2): live \(live.count)",
                                   "the channel keeps received elements alive (expected \(buffered) live, the ones still buffered)") else { return t.result }
                }
                if let n = fill, !d.lossy {
                    // One more sender blocks (full, or no receiver at capacity 0); close wakes it.
                    let c = ch!
                    for _ in buffered..<max(buffered, n) { _ = c.send(Tracked(-1, live)) }
                    if c.hasTryOperations && d.watermark == nil {
                        // Refused sends give their element back: nothing of it stays behind
                        // (counted apart from the buffered ones).
                        let refused = LiveCounter()
                        let r = c.trySend(Tracked(-2, refused))
                        let s = c.send(Tracked(-3, refused), timeout: .milliseconds(1))
                        let back = waitUntil(ctx.stall) { refused.count == 0 }
                        guard t.expect(r == .full && s == .timedOut && back, "full: trySend -> \(describe(r)), send(timeout: 1ms) -> \(describe(s)); \(refused.count) of them alive",
                                       "a refused send (full, timed out) must leave its element unreferenced") else { return t.result }
                    }
                    let board = WorkerBoard(names: ["blocked sender"])
                    let group = WorkerGroup.threads(board) { _ in
                        board[0].begin(.send)
                        _ = c.send(Tracked(999, live))
                        board[0].end()
                    }
                    _ = waitUntil(ctx.stall) { board[0].current == .send }
                    pause(.milliseconds(5))
                    c.close()
                    if case .hung(let dump) = group.wait(stall: ctx.stall) {
                        t.fail("close did not release the blocked sender\n" + dump)
                        return t.result
                    }
                    t.note("close released the blocked sender")
                    let refused = LiveCounter()
                    let s = c.send(Tracked(-4, refused))
                    let back = waitUntil(ctx.stall) { refused.count == 0 }
                    guard t.expect(s == .closed && back, "closed: send -> \(s); its element alive: \(refused.count)",
                                   "a send failed by close must leave its element unreferenced") else { return t.result }
                }
                ch = nil
                _ = ch
            }
            // Asynchronous implementations may release their last reference from a task that
            // is just finishing: give them a moment before calling it a leak.
            let released = waitUntil(ctx.stall) { live.count == 0 }
            t.expect(released, "channel dropped: \(live.count) payload(s) still alive", "undelivered messages were not released")
            return t.result
        }
    )
}

/// Counts live ``Tracked`` payloads.
package final class LiveCounter: Sendable {
    private let live = Atomic<Int>(0)
    var count: Int { live.load(ordering: .acquiring) }
    func up() { live.wrappingAdd(1, ordering: .relaxed) }
    func down() { live.wrappingSubtract(1, ordering: .acquiringAndReleasing) }
}

/// A class payload whose deinit is counted, so a leak of an undelivered message is visible.
package final class Tracked: Sendable {
    let value: Int
    let counter: LiveCounter
    init(_ value: Int, _ counter: LiveCounter) {
        self.value = value
        self.counter = counter
        counter.up()
    }
    deinit { counter.down() }
}
