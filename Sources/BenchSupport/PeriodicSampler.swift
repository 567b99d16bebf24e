#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Channels

/// A thread that calls `tick` on a fixed schedule until stopped: the sampler of `run` (channel
/// count and memory peaks) and of `memory` (the memory-over-time series).
///
/// Guarantees: tick 0 runs on the caller's thread in ``start()``; then the sampler thread
/// runs ticks 1, 2… at most once per interval (when it falls behind it skips, never bursts);
/// ``stop()`` returns only after the thread's last tick, then runs one final tick on the
/// caller's thread, the only one marked ``Tick/isFinal``. So a tick's state needs no lock:
/// every tick happens after the previous one. Between ticks the thread sleeps at most 1 ms, so
/// it barely competes with the workers.
package final class PeriodicSampler: Sendable {
    package struct Tick: Sendable {
        /// 0, 1, 2… in the order the ticks run.
        package let index: Int
        /// The tick ``PeriodicSampler/stop()`` runs: a sample wanted once at the end belongs here.
        package let isFinal: Bool
    }

    private let interval: UInt64
    private let tick: @Sendable (Tick) -> Void
    private let stopFlag = Atomic<Bool>(false)
    private let done = CompletionLatch(count: 1)
    private let ticks = Atomic<Int>(0)

    package init(intervalNanoseconds: UInt64, tick: @escaping @Sendable (Tick) -> Void) {
        self.interval = max(1, intervalNanoseconds)
        self.tick = tick
    }

    package func start() {
        tick(next(isFinal: false))
        let origin = monotonicNanoseconds()
        ThreadDriver.start { [self] in
            var due = origin + interval
            while !stopFlag.load(ordering: .acquiring) {
                let now = monotonicNanoseconds()
                if now < due {
                    var ts = timespec(tv_sec: 0, tv_nsec: Int(min(due - now, 1_000_000)))
                    nanosleep(&ts, nil)
                    continue
                }
                tick(next(isFinal: false))
                due += interval
                if due < now { due = now + interval }
            }
            done.countDown()
        }
    }

    /// Stops the thread, waits for its last tick, and ticks once more.
    package func stop() {
        stopFlag.store(true, ordering: .releasing)
        // No deadline: the thread checks the flag at least every millisecond.
        done.wait()
        tick(next(isFinal: true))
    }

    private func next(isFinal: Bool) -> Tick {
        Tick(index: ticks.wrappingAdd(1, ordering: .relaxed).oldValue, isFinal: isFinal)
    }
}
