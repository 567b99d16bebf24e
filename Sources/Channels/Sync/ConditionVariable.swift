#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread condition variable on the heap (it never moves), created with
/// `pthread_condattr_setclock(CLOCK_MONOTONIC)` so timed waits take a ``MonotonicDeadline``
/// and are immune to wall-clock changes.
///
/// Guarantees and caveats, as for any condition variable: a wait may wake spuriously, and a
/// signal wakes *at most one* waiter that is waiting at that moment, so callers must re-check
/// their predicate in a loop under the mutex. Signalling after unlocking the mutex is safe
/// (and avoids waking a thread straight into a held lock) as long as the state change that
/// the waiter re-checks was made under the mutex — the pattern every user in this package
/// follows. Every pthread call is checked and traps with the errno name on failure.
@usableFromInline
package final class ConditionVariable: @unchecked Sendable {
    // @unchecked: the pointee is only touched through pthread calls, which are thread-safe.
    @usableFromInline let raw: UnsafeMutablePointer<pthread_cond_t>

    package init() {
        raw = .allocate(capacity: 1)
        raw.initialize(to: pthread_cond_t())
        var attr = pthread_condattr_t()
        checkPThread(pthread_condattr_init(&attr), "pthread_condattr_init")
        #if !canImport(Darwin)
        // Darwin has no condattr clock; its timed wait is relative there. Linux is our target.
        checkPThread(pthread_condattr_setclock(&attr, CLOCK_MONOTONIC), "pthread_condattr_setclock")
        #endif
        checkPThread(pthread_cond_init(raw, &attr), "pthread_cond_init")
        checkPThread(pthread_condattr_destroy(&attr), "pthread_condattr_destroy")
    }

    deinit {
        checkPThread(pthread_cond_destroy(raw), "pthread_cond_destroy")
        raw.deinitialize(count: 1)
        raw.deallocate()
    }

    /// Atomically releases `mutex` (which the caller holds), waits, and reacquires it.
    @inlinable @inline(__always)
    package func wait(_ mutex: PThreadMutex) {
        checkPThread(pthread_cond_wait(raw, mutex.raw), "pthread_cond_wait")
    }

    /// Like ``wait(_:)`` but gives up at `deadline`. Returns `false` if the deadline passed
    /// (by CLOCK_MONOTONIC, never earlier), `true` if woken (possibly spuriously).
    @inlinable @inline(__always)
    package func wait(_ mutex: PThreadMutex, until deadline: MonotonicDeadline) -> Bool {
        var ts = deadline.timespec
        let rc = pthread_cond_timedwait(raw, mutex.raw, &ts)
        if rc == ETIMEDOUT { return false }
        checkPThread(rc, "pthread_cond_timedwait")
        return true
    }

    /// Wakes one waiter, if any.
    @inlinable @inline(__always)
    package func signal() {
        checkPThread(pthread_cond_signal(raw), "pthread_cond_signal")
    }

    /// Wakes every waiter.
    @inlinable @inline(__always)
    package func broadcast() {
        checkPThread(pthread_cond_broadcast(raw), "pthread_cond_broadcast")
    }
}
