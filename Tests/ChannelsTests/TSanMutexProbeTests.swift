import Synchronization
import Testing

/// Exercises the stdlib `Synchronization.Mutex` from two threads. It always passes under a
/// normal `swift test`; under `make test-tsan` it shows whether scripts/tsan.supp matches the
/// (false) report ThreadSanitizer makes for `Mutex` on this toolchain, so a toolchain change
/// that alters the report's frames turns the TSan run red instead of going unnoticed.
@Suite struct TSanMutexProbeTests {
    @Test func stdlibMutexFromTwoThreads() {
        final class Shared: Sendable {
            let counter = Mutex<Int>(0)
        }
        let shared = Shared()
        let threads = TestThreads()
        threads.spawn(2) { _ in
            for _ in 0..<10_000 { shared.counter.withLock { $0 += 1 } }
        }
        threads.join()
        #expect(shared.counter.withLock { $0 } == 20_000)
    }
}
