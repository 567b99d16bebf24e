#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Channels
import BenchSupport

/// A sampler thread that runs beside the workers: every millisecond it reads the channel's
/// `count` (for the capacity-bound check), and every 5 ms jemalloc's `stats.allocated` and the
/// resident set size (for the peaks). It allocates nothing while sampling, and sleeps between
/// samples so it barely competes with the workers for the 2 cores.
package final class RunMonitor: @unchecked Sendable {
    private let count: @Sendable () -> Int
    private let stopFlag = Atomic<Bool>(false)
    private let done = CompletionLatch(count: 1)
    private let rss = ResidentMemory()
    // Written by the monitor thread only; read after `stop()` returned (the latch orders it).
    private(set) var maxCount = 0
    private(set) var peakAllocated = 0
    private(set) var peakResident = 0

    init(count: @escaping @Sendable () -> Int) { self.count = count }

    func start() {
        sampleMemory()
        ThreadDriver.start { [self] in
            var tick = 0
            while !stopFlag.load(ordering: .acquiring) {
                let c = count()
                if c > maxCount { maxCount = c }
                if tick % 5 == 0 { sampleMemory() }
                tick += 1
                var ts = timespec(tv_sec: 0, tv_nsec: 1_000_000)
                nanosleep(&ts, nil)
            }
            let c = count()
            if c > maxCount { maxCount = c }
            sampleMemory()
            done.countDown()
        }
    }

    /// Stops sampling and waits (at most 2 s) for the sampler's last sample.
    func stop() {
        stopFlag.store(true, ordering: .releasing)
        _ = done.wait(untilNanoseconds: monotonicNanoseconds() + 2_000_000_000)
    }

    private func sampleMemory() {
        JemallocStats.refresh()
        if let a = JemallocStats.allocatedBytes(), a > peakAllocated { peakAllocated = a }
        if let r = rss.residentBytes(), r > peakResident { peakResident = r }
    }
}
