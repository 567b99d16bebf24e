import Channels

/// A mutex and a CLOCK_MONOTONIC condition variable used together, for the harness's barriers
/// and latches. Built on the channels' own primitives: the checked, heap-allocated pthread
/// ``PThreadMutex`` (which ThreadSanitizer models exactly, so all state guarded by it is
/// checked) and the futex ``ConditionVariable``, which only wakes threads and guards nothing.
package final class LockedCondition: Sendable {
    private let mutex = PThreadMutex()
    private let condition = ConditionVariable()

    func lock() { mutex.lock() }
    func unlock() { mutex.unlock() }
    func broadcast() { condition.broadcast() }

    /// Waits (lock held) until signalled. Spurious wake-ups happen: callers loop on a predicate.
    func wait() { condition.wait(mutex) }

    /// Waits (lock held) until signalled or `deadline` (monotonic ns). Returns `false` on timeout.
    func wait(untilNanoseconds deadline: UInt64) -> Bool {
        condition.wait(mutex, until: MonotonicDeadline(nanoseconds: deadline))
    }

    @inline(__always)
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        mutex.lock()
        defer { mutex.unlock() }
        return try body()
    }
}
