import CChannelsShims
import Synchronization

/// A condition variable for ``PThreadMutex``: a 32-bit sequence word on the heap (it never
/// moves) that `signal` and `broadcast` bump and waiters sleep on with a futex, the design of
/// Rust std's futex `Condvar`. Timed waits take a CLOCK_MONOTONIC ``MonotonicDeadline``, immune
/// to wall-clock changes.
///
/// Why not `pthread_cond_t`: glibc's `pthread_cond_wait` takes the mutex back in its
/// "contended" state whether or not anyone waits for it, so the woken thread's next unlock is
/// a futex system call, and its signal path updates several shared words. Measured on the
/// condvar channel at mpsc 4×1 (docs/condvar-speed.md), those wake calls were a third of all
/// its futex calls. Here the woken thread takes the mutex with a plain `lock()`.
///
/// Guarantees and caveats, as for any condition variable: a wait may wake spuriously (a
/// signal can release more than one waiter: every thread between unlocking and sleeping
/// when the word moves), and a signal releases *at least one* thread that was waiting
/// when it was issued, if there was one. Callers re-check their predicate in a loop under
/// the mutex. Signalling after unlocking the mutex is safe as long as the state change the
/// waiter re-checks was made under the mutex — the pattern every user in this package
/// follows: the waiter reads the word under the mutex, so a signal issued after that change
/// either moved the word before the waiter sleeps (its futex wait returns at once) or finds
/// it asleep.
@usableFromInline
package final class ConditionVariable: @unchecked Sendable {
    // @unchecked: the word is only touched atomically (and by the kernel's futex calls).
    @usableFromInline let sequence: UnsafeMutablePointer<Atomic<UInt32>>

    package init() {
        sequence = .allocate(capacity: 1)
        sequence.initialize(to: Atomic(0))
    }

    deinit {
        sequence.deinitialize(count: 1)
        sequence.deallocate()
    }

    @inlinable var futexWord: UnsafeMutablePointer<UInt32> {
        UnsafeMutableRawPointer(sequence).assumingMemoryBound(to: UInt32.self)
    }

    /// Atomically (with respect to ``signal()``/``broadcast()``) releases `mutex`, which the
    /// caller holds, waits, and reacquires it.
    @inlinable @inline(__always)
    package func wait(_ mutex: PThreadMutex) {
        let key = sequence.pointee.load(ordering: .relaxed)
        mutex.unlock()
        _ = cchannels_futex_wait(futexWord, key, -1)
        mutex.lock()
    }

    /// Like ``wait(_:)`` but gives up at `deadline`. Returns `false` if the deadline has passed
    /// (by CLOCK_MONOTONIC, never earlier), `true` otherwise (woken, possibly spuriously).
    @inlinable @inline(__always)
    package func wait(_ mutex: PThreadMutex, until deadline: MonotonicDeadline) -> Bool {
        let key = sequence.pointee.load(ordering: .relaxed)
        mutex.unlock()
        let remaining = deadline.remainingNanoseconds
        if remaining > 0 {
            _ = cchannels_futex_wait(futexWord, key, Int64(clamping: remaining))
        }
        mutex.lock()
        return !deadline.hasPassed
    }

    /// Wakes one waiter, if any (a system call: callers that know nobody waits skip it).
    @inlinable @inline(__always)
    package func signal() {
        sequence.pointee.wrappingAdd(1, ordering: .sequentiallyConsistent)
        _ = cchannels_futex_wake(futexWord, 1)
    }

    /// Wakes every waiter.
    @inlinable @inline(__always)
    package func broadcast() {
        sequence.pointee.wrappingAdd(1, ordering: .sequentiallyConsistent)
        _ = cchannels_futex_wake(futexWord, Int32.max)
    }
}
