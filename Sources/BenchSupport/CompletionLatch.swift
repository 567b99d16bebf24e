/// Counts workers down to zero; the coordinator waits for zero with a deadline. This is how the
/// `--run-timeout` watchdog works without joining a thread that may never return.
package final class CompletionLatch: @unchecked Sendable {
    private let cond = LockedCondition()
    private var remaining: Int

    package init(count: Int) { remaining = count }

    /// Called once by each worker when it is done. Never blocks.
    package func countDown() {
        cond.withLock {
            remaining -= 1
            if remaining <= 0 { cond.broadcast() }
        }
    }

    /// Waits until every worker counted down, however long that takes: only for workers that
    /// cannot hang (they check a stop flag on a short schedule).
    package func wait() {
        cond.withLock {
            while remaining > 0 { cond.wait() }
        }
    }

    /// Waits until every worker counted down (`true`) or the deadline passed (`false`).
    package func wait(untilNanoseconds deadline: UInt64) -> Bool {
        cond.withLock {
            while remaining > 0 {
                if !cond.wait(untilNanoseconds: deadline) { return remaining <= 0 }
            }
            return true
        }
    }

    var isComplete: Bool { cond.withLock { remaining <= 0 } }
}
