/// The task-driver counterpart of ``StartBarrier``: tasks *suspend* at the gate (they must not
/// block a cooperative-pool thread: with 2 cores the pool has 2 threads, and blocked tasks
/// would deadlock it). The coordinator — a plain thread, not a task — blocks until every task
/// has arrived, then opens the gate and resumes them all.
package final class AsyncStartGate: @unchecked Sendable {
    private let cond = LockedCondition()
    private var arrived = 0
    private var opened = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    package init(expected: Int) { waiters.reserveCapacity(expected) }

    /// Suspends the calling task until `open()`.
    package func arrive() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            cond.lock()
            if opened {
                cond.unlock()
                c.resume()
                return
            }
            waiters.append(c)
            arrived += 1
            cond.broadcast()
            cond.unlock()
        }
    }

    /// Blocks the coordinator thread until `count` tasks wait at the gate or the deadline
    /// (monotonic ns) passes. Returns `false` on timeout.
    package func waitForArrivals(_ count: Int, deadline: UInt64) -> Bool {
        cond.withLock {
            while arrived < count {
                if !cond.wait(untilNanoseconds: deadline) { return arrived >= count }
            }
            return true
        }
    }

    /// Resumes every waiting task; later arrivals pass straight through.
    package func open() {
        cond.lock()
        opened = true
        let ready = waiters
        waiters = []
        cond.unlock()
        for c in ready { c.resume() }
    }
}
