#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex whose `pthread_mutex_t` lives on the heap, so it never moves (a pthread
/// object must stay at the address it was initialised at; a Swift stored property may not).
///
/// Guarantees: mutual exclusion between threads; not recursive; every pthread call's return
/// code is checked and a failure traps with the errno name. In debug builds the mutex is of
/// type `PTHREAD_MUTEX_ERRORCHECK`, so relocking from the owning thread or unlocking from a
/// foreign thread traps (`EDEADLK`/`EPERM`) instead of deadlocking silently.
///
/// Used instead of `Synchronization.Mutex` in the blocking channels because it pairs with
/// ``ConditionVariable`` (the stdlib has no condition variable) and because ThreadSanitizer
/// models pthread mutexes exactly (it does not model the stdlib's futex-based `Mutex`; see
/// scripts/tsan.supp). `package` visibility lets the harness targets use it for the same reason.
@usableFromInline
package final class PThreadMutex: @unchecked Sendable {
    // @unchecked: the pointee is only touched through pthread calls, which are thread-safe.
    @usableFromInline let raw: UnsafeMutablePointer<pthread_mutex_t>

    /// `adaptive`: in release builds on glibc, a `lock()` that finds the mutex held retries for
    /// a bounded number of rounds (glibc's `PTHREAD_MUTEX_ADAPTIVE_NP`, tunable with
    /// `GLIBC_TUNABLES=glibc.pthread.mutex_spin_count=N`, default 100) before sleeping in the
    /// kernel. Worth it for a lock held for a few dozen nanoseconds by threads on other cores
    /// (a channel's): sleeping costs the waiter two context switches and the holder a futex
    /// wake. Debug builds keep the error-checking type either way.
    package init(adaptive: Bool = false) {
        raw = .allocate(capacity: 1)
        raw.initialize(to: pthread_mutex_t())
        var attr = pthread_mutexattr_t()
        checkPThread(pthread_mutexattr_init(&attr), "pthread_mutexattr_init")
        #if DEBUG
        checkPThread(pthread_mutexattr_settype(&attr, Int32(PTHREAD_MUTEX_ERRORCHECK)), "pthread_mutexattr_settype")
        #elseif canImport(Glibc)
        if adaptive {
            checkPThread(pthread_mutexattr_settype(&attr, Int32(PTHREAD_MUTEX_ADAPTIVE_NP)), "pthread_mutexattr_settype")
        }
        #endif
        checkPThread(pthread_mutex_init(raw, &attr), "pthread_mutex_init")
        checkPThread(pthread_mutexattr_destroy(&attr), "pthread_mutexattr_destroy")
    }

    deinit {
        checkPThread(pthread_mutex_destroy(raw), "pthread_mutex_destroy")
        raw.deinitialize(count: 1)
        raw.deallocate()
    }

    @inlinable @inline(__always)
    package func lock() {
        checkPThread(pthread_mutex_lock(raw), "pthread_mutex_lock")
    }

    @inlinable @inline(__always)
    package func unlock() {
        checkPThread(pthread_mutex_unlock(raw), "pthread_mutex_unlock")
    }

    /// Runs `body` with the mutex held.
    @inlinable @inline(__always)
    package func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}
