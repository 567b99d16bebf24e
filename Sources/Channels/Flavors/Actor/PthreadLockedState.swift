#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a pthread mutex: what the async flavors lock their state with.
///
/// Why not `Synchronization.Mutex`: ThreadSanitizer does not model the stdlib `Mutex` (a bare
/// futex on Linux), so every access it guards is reported as a race, and because `withLock`
/// is inlined the Mutex frame does not even appear in the report, so no suppression can
/// single those out. A pthread mutex is understood by TSan, so `make test-tsan` can check this
/// state for real. Uncontended, both cost one atomic exchange to lock and one to unlock.
///
/// The mutex is heap-allocated so it never moves (pthread objects must not be copied or
/// moved once initialised), and every pthread call is checked.
final class PthreadLockedState<State: ~Copyable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var state: State

    init(_ initial: consuming State) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let rc = pthread_mutex_init(mutex, nil)
        precondition(rc == 0, "pthread_mutex_init failed: \(rc)")
        state = initial
    }

    deinit {
        let rc = pthread_mutex_destroy(mutex)
        precondition(rc == 0, "pthread_mutex_destroy failed: \(rc)")
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the state. Never resume a continuation or call
    /// out to user code inside `body`: return what to do and do it after.
    @inline(__always)
    func withLock<Result: ~Copyable, E: Error>(_ body: (inout State) throws(E) -> Result) throws(E) -> Result {
        let rc = pthread_mutex_lock(mutex)
        precondition(rc == 0, "pthread_mutex_lock failed: \(rc)")
        defer {
            let rc = pthread_mutex_unlock(mutex)
            precondition(rc == 0, "pthread_mutex_unlock failed: \(rc)")
        }
        return try body(&state)
    }
}
