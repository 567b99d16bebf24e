#if canImport(Glibc)
import Glibc
#endif

/// Starts OS threads for blocking channels. The threads are *detached*: completion is observed
/// through a ``CompletionLatch``, so a hung worker can be abandoned by the watchdog instead of
/// hanging the coordinator in `pthread_join`.
///
/// This is plain nonisolated library code on purpose: a closure handed to `pthread_create`
/// from `@main` code would be inferred `@MainActor` and trap on the worker thread.
package enum ThreadDriver {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts one detached thread running `body`. Traps only if the OS refuses a thread
    /// (resource exhaustion), which no benchmark can recover from.
    package static func start(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
        var tid = pthread_t()
        let rc = pthread_create(&tid, &attr, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        pthread_attr_destroy(&attr)
        if rc != 0 {
            Unmanaged<Box>.fromOpaque(box).release()
            fatalError("pthread_create failed with error \(rc)")
        }
    }
}
