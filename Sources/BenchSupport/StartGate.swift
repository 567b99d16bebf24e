/// Releases every worker at once, so the clock covers traffic only: the coordinator (a plain
/// thread) waits until all workers have been started and arrived, reads its "before" counters,
/// then opens the gate. Starting workers never counts towards a measurement.
///
/// Threads wait with ``arriveAndWait()`` (blocking); tasks with ``arrive()``, which suspends:
/// a task must not block a cooperative-pool thread (with 2 cores the pool has 2 threads, and
/// blocked tasks would deadlock it).
package final class StartGate: @unchecked Sendable {
    // @unchecked: every field is guarded by `cond`.
    private let cond = LockedCondition()
    private var arrived = 0
    private var opened = false
    private var suspended: [CheckedContinuation<Void, Never>] = []

    package init() {}

    /// Called by each worker thread: counts itself in, then blocks until ``open()``.
    package func arriveAndWait() {
        cond.withLock {
            arrived += 1
            cond.broadcast()  // wakes the coordinator waiting for arrivals
            while !opened { cond.wait() }
        }
    }

    /// Called by each worker task: counts itself in, then suspends until ``open()``.
    package func arrive() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            cond.lock()
            if opened {
                cond.unlock()
                c.resume()
                return
            }
            suspended.append(c)
            arrived += 1
            cond.broadcast()
            cond.unlock()
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

    /// Releases every waiting worker; later arrivals pass straight through. Tasks are resumed
    /// outside the lock.
    package func open() {
        cond.lock()
        opened = true
        let ready = suspended
        suspended = []
        cond.broadcast()
        cond.unlock()
        for c in ready { c.resume() }
    }
}
