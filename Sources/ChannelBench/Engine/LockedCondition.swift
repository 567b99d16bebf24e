#if canImport(Glibc)
import Glibc
#endif

/// A pthread mutex and a CLOCK_MONOTONIC condition variable, heap-allocated so they never move
/// (a pthread object must keep its address). Every pthread call is checked: a failure is a
/// harness bug, so it traps with the error code rather than carrying on with broken sync.
final class LockedCondition: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let cond: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        cond = .allocate(capacity: 1)
        check(pthread_mutex_init(mutex, nil), "pthread_mutex_init")
        var attr = pthread_condattr_t()
        check(pthread_condattr_init(&attr), "pthread_condattr_init")
        check(pthread_condattr_setclock(&attr, CLOCK_MONOTONIC), "pthread_condattr_setclock")
        check(pthread_cond_init(cond, &attr), "pthread_cond_init")
        pthread_condattr_destroy(&attr)
    }

    deinit {
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        cond.deallocate()
        mutex.deallocate()
    }

    func lock() { check(pthread_mutex_lock(mutex), "pthread_mutex_lock") }
    func unlock() { check(pthread_mutex_unlock(mutex), "pthread_mutex_unlock") }
    func broadcast() { check(pthread_cond_broadcast(cond), "pthread_cond_broadcast") }

    /// Waits (lock held) until signalled. Spurious wake-ups happen: callers loop on a predicate.
    func wait() { check(pthread_cond_wait(cond, mutex), "pthread_cond_wait") }

    /// Waits (lock held) until signalled or `deadline` (monotonic ns). Returns `false` on timeout.
    func wait(untilNanoseconds deadline: UInt64) -> Bool {
        let capped = min(deadline, UInt64(Int64.max / 2))
        var ts = timespec(tv_sec: Int(capped / 1_000_000_000), tv_nsec: Int(capped % 1_000_000_000))
        let rc = pthread_cond_timedwait(cond, mutex, &ts)
        if rc == ETIMEDOUT { return false }
        check(rc, "pthread_cond_timedwait")
        return true
    }

    @inline(__always)
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }

    private func check(_ rc: Int32, _ what: StaticString) {
        if rc != 0 { fatalError("\(what) failed with error \(rc)") }
    }
}
