/// A value guarded by a ``PThreadMutex``: what the async flavors lock their state with, and
/// what the harness uses for state its threads share.
///
/// Why not `Synchronization.Mutex`: ThreadSanitizer does not model the stdlib `Mutex` (a bare
/// futex on Linux), so every access it guards is reported as a race, and because `withLock`
/// is inlined the Mutex frame does not even appear in the report, so no suppression can
/// single those out. A pthread mutex is understood by TSan, so `make test-tsan` can check this
/// state for real. Uncontended, both cost one atomic exchange to lock and one to unlock.
@usableFromInline
package final class PthreadLockedState<State: ~Copyable>: @unchecked Sendable {
    // @unchecked: `state` is only touched with `mutex` held.
    @usableFromInline let mutex = PThreadMutex()
    @usableFromInline var state: State

    package init(_ initial: consuming State) {
        state = initial
    }

    /// Runs `body` with exclusive access to the state. Never resume a continuation or call
    /// out to user code inside `body`: return what to do and do it after.
    @inlinable @inline(__always)
    package func withLock<Result: ~Copyable, E: Error>(_ body: (inout State) throws(E) -> Result) throws(E) -> Result {
        mutex.lock()
        defer { mutex.unlock() }
        return try body(&state)
    }
}
