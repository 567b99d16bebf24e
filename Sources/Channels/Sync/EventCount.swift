import CChannelsShims
import Synchronization

/// A futex-based *event count*: lets a thread sleep until "something may have changed" without
/// ever missing a wake-up, while keeping the notifier's fast path free of system calls.
///
/// ## Protocol (waiter)
///     let key = events.prepareWait()      // 1. register as a sleeper, read the epoch
///     if conditionHolds() {               // 2. re-check the condition
///         events.cancelWait(); return     //    it became true meanwhile: do not sleep
///     }
///     events.wait(key, deadline: d)       // 3. sleep unless the epoch moved since step 1
///     // loop: re-check the condition (wake-ups may be spurious or meant for another waiter)
///
/// ## Protocol (notifier)
///     makeConditionTrue()                 // a sequentially consistent store or RMW
///     events.notifyOne()                  // one plain load; a syscall only if someone waits
///
/// ## Why no wake-up is lost
/// The waiter's registration (a seq_cst RMW on `waiters`) precedes its re-check; the
/// notifier's state change precedes its seq_cst load of `waiters`. This is the
/// store→load (Dekker) pattern: with both sides sequentially consistent, at least one of them
/// sees the other — either the re-check sees the new state, or the notifier sees a registered
/// waiter, bumps the epoch and wakes. A waiter that registered but has not reached the kernel
/// yet is covered by the epoch: `futex_wait` only sleeps while the word still equals `key`,
/// atomically with respect to `futex_wake`.
///
/// **Caller obligation**: the state change must be a `.sequentiallyConsistent` store or RMW
/// (a lock-free queue's head/tail compare-and-swap qualifies, and on x86 it is a locked
/// instruction anyway), the notifier's `notifyOne` must come after it in program order, and
/// the waiter's re-check must read that state with `.sequentiallyConsistent` loads and may only
/// sleep on a state the notifier's change would contradict. A waiter that sees a change in
/// progress (claimed but not yet published) must not sleep: the matching notification may
/// already have been issued.
///
/// `notifyOne` wakes a single sleeper: each state change that can satisfy one waiter (one
/// message, one free slot) produces one wake, and a woken waiter always re-checks before
/// giving up (even on timeout), so a wake is never consumed without looking. Use `notifyAll`
/// for changes that satisfy every waiter (closing a channel).
///
/// The two 32-bit words live on their own 128-byte block (two cache lines, because Intel's
/// spatial prefetcher pulls lines in pairs), so polling `waiters` on every message shares a
/// read-only line and never collides with the queue's head, tail or slots.
struct EventCount: ~Copyable {
    /// `[0]`: epoch, the futex word; `[1]`: number of registered waiters.
    private let words: UnsafeMutablePointer<Atomic<UInt32>>

    init() {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: cacheLineBlock, alignment: cacheLineBlock)
        words = raw.bindMemory(to: Atomic<UInt32>.self, capacity: 2)
        words.initialize(to: Atomic(0))
        (words + 1).initialize(to: Atomic(0))
    }

    deinit {
        words.deinitialize(count: 2)
        words.deallocate()
    }

    private var epoch: UnsafeMutablePointer<Atomic<UInt32>> { words }
    private var waiters: UnsafeMutablePointer<Atomic<UInt32>> { words + 1 }

    /// Step 1 of waiting: registers the caller as a waiter and returns the key for ``wait``.
    /// Must be followed by exactly one ``cancelWait()`` or ``wait(_:deadline:)``.
    @inline(__always)
    func prepareWait() -> UInt32 {
        waiters.pointee.wrappingAdd(1, ordering: .sequentiallyConsistent)
        return epoch.pointee.load(ordering: .sequentiallyConsistent)
    }

    /// The re-check succeeded: withdraw the registration without sleeping.
    @inline(__always)
    func cancelWait() {
        waiters.pointee.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Sleeps until notified (or spuriously woken, or `deadline` passes), unless a notification
    /// already happened since ``prepareWait()`` returned `key`. Withdraws the registration.
    /// The caller must re-check its condition afterwards in every case.
    func wait(_ key: UInt32, deadline: MonotonicDeadline?) {
        let word = UnsafeMutableRawPointer(epoch).assumingMemoryBound(to: UInt32.self)
        if let deadline {
            let remaining = deadline.remainingNanoseconds
            if remaining > 0 {
                _ = cchannels_futex_wait(word, key, Int64(clamping: remaining))
            }
        } else {
            _ = cchannels_futex_wait(word, key, -1)
        }
        waiters.pointee.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Wakes one waiter if any is registered. The fast path is one sequentially consistent load
    /// of a rarely written word (a plain `mov` on x86).
    @inline(__always)
    func notifyOne() {
        if waiters.pointee.load(ordering: .sequentiallyConsistent) != 0 {
            wake(1)
        }
    }

    /// The notifier's check alone, for a caller that may wake a waiter of its own first (a
    /// channel's registered selects, which count themselves here): `notifyOne()` is
    /// `if hasWaiters { wakeOne() }`.
    @inline(__always)
    var hasWaiters: Bool { waiters.pointee.load(ordering: .sequentiallyConsistent) != 0 }

    /// Wakes one sleeper (a system call), without checking ``hasWaiters``.
    func wakeOne() { wake(1) }

    /// Wakes every waiter. Unconditional (always a syscall): meant for rare events like close.
    func notifyAll() {
        wake(Int32.max)
    }

    /// Registered waiters right now (a snapshot, for tests and diagnostics).
    var waiterCount: Int { Int(waiters.pointee.load(ordering: .relaxed)) }

    @inline(never)
    private func wake(_ count: Int32) {
        epoch.pointee.wrappingAdd(1, ordering: .sequentiallyConsistent)
        let word = UnsafeMutableRawPointer(epoch).assumingMemoryBound(to: UInt32.self)
        _ = cchannels_futex_wake(word, count)
    }
}

/// Bytes that keep two hot atomics from sharing a cache line *pair* (Intel's adjacent-line
/// prefetcher makes 64-byte padding insufficient; crossbeam's `CachePadded` uses 128 on x86-64
/// and aarch64 for the same reason).
let cacheLineBlock = 128
