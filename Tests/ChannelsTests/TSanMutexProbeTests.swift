import Foundation
import Synchronization
import Testing

/// Reproduces ThreadSanitizer's false report on the stdlib `Synchronization.Mutex`: several
/// threads take one `Mutex` *under contention* (the holder yields inside the critical section,
/// so the others go through the futex slow path, whose kernel hand-off TSan cannot see).
///
/// Under a normal `swift test` it checks that `Mutex` excludes (it does). Under
/// `make test-tsan` (CHANNELBENCH_TSAN=1) it is skipped, because the report it provokes names
/// only the *caller's* closure — no `Mutex` frame at all — so no narrow suppression can match
/// it (see scripts/tsan.supp). Run it on purpose to see the report on a new toolchain:
///
///     CHANNELBENCH_TSAN_PROBE=1 LD_PRELOAD=libstdc++.so.6 TSAN_OPTIONS=halt_on_error=0 \
///       swift test --sanitize=thread --scratch-path .build-tsan --filter TSanMutexProbe
@Suite struct TSanMutexProbeTests {
    static let enabled = !TestScale.underTSan
        || ProcessInfo.processInfo.environment["CHANNELBENCH_TSAN_PROBE"] == "1"

    @Test(.enabled(if: enabled, "provokes TSan's known false report on stdlib Mutex"))
    func stdlibMutexUnderContention() async {
        final class Shared: Sendable {
            let values = Mutex<[Int]>([])
        }
        let shared = Shared()
        let threads = TestThreads()
        let perThread = 2_000
        threads.spawn(4) { t in
            for i in 0..<perThread {
                shared.values.withLock { values in
                    values.append(t * perThread + i)
                    if i % 50 == 0 { sched_yield() }
                }
            }
        }
        await threads.join()
        let values = shared.values.withLock { $0 }
        #expect(values.count == 4 * perThread)
        #expect(Set(values).count == 4 * perThread)
    }
}
