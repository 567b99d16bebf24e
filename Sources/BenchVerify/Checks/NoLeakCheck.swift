import Synchronization

/// Undelivered messages are released: a channel dropped with messages still buffered, and a
/// send that failed because of close, leave no payload alive (counted by a class payload's
/// deinit).
package enum NoLeakCheck {
    static let check = VerifyCheck(
        name: "no-leak",
        summary: "undelivered class payloads are released when the channel goes away",
        minimumIterations: { $0.verifyCapacities.count },
        applicability: { d in d.verifyCapacities.isEmpty ? "supports no capacity" : nil },
        iterate: { ctx in
            let d = ctx.descriptor
            let cap = ctx.pick(d.verifyCapacities)
            let t = ctx.transcript("capacity \(cap)")
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
                    t.note("sent \(k) payloads, received \(k / 2), live now \(live.count)")
                }
                if let n = fill, !d.lossy {
                    // One more sender blocks (full, or no receiver at capacity 0); close wakes it.
                    let c = ch!
                    for _ in buffered..<max(buffered, n) { _ = c.send(Tracked(-1, live)) }
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
