/// Releases every worker thread at once, so the clock covers traffic only: the coordinator
/// waits until all workers have been created and arrived, reads its "before" counters, then
/// opens the barrier. Thread creation never counts towards a measurement.
///
/// Blocking: `arriveAndWait` blocks the calling thread. Never use it from a task (see
/// ``AsyncStartGate``).
package final class StartBarrier: @unchecked Sendable {
    private let cond = LockedCondition()
    private var arrived = 0
    private var opened = false

    package init() {}

    /// Called by each worker: counts itself in, then blocks until `open()`.
    package func arriveAndWait() {
        cond.withLock {
            arrived += 1
            cond.broadcast()  // wakes the coordinator waiting for arrivals
            while !opened { cond.wait() }
        }
    }

    /// Called by the coordinator: blocks until `count` workers have arrived or the deadline
    /// (monotonic ns) passes. Returns `false` on timeout.
    package func waitForArrivals(_ count: Int, deadline: UInt64) -> Bool {
        cond.withLock {
            while arrived < count {
                if !cond.wait(untilNanoseconds: deadline) { return arrived >= count }
            }
            return true
        }
    }

    /// Releases every waiting worker (and any that arrive later).
    package func open() {
        cond.withLock {
            opened = true
            cond.broadcast()
        }
    }
}
