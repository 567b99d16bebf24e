import Dispatch
import Channels

/// Runs `op` to completion from synchronous code and returns its result: `op` runs as a
/// detached task on the global concurrent executor while the calling thread waits on a
/// semaphore.
///
/// Guarantee: the wait holds only the calling thread, never a thread of the cooperative pool,
/// provided the caller is a plain thread (a command's main thread, a ``ThreadDriver`` thread).
/// So `op` and every task it awaits get the whole pool, and the wait cannot starve them.
/// Called from inside a task it would hold a pool thread for the whole wait, and with every
/// pool thread held that way `op` would never run: never call it from async code. `op` must
/// not need the caller's actor either (it is detached, and the caller is blocked).
package func blockOn<T: Sendable>(_ op: @escaping @Sendable () async -> T) -> T {
    let result = PthreadLockedState<T?>(nil)
    let finished = DispatchSemaphore(value: 0)
    Task.detached {
        let value = await op()
        result.withLock { $0 = value }
        finished.signal()
    }
    finished.wait()
    return result.withLock { $0! }
}
