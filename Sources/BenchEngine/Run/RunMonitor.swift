import Channels
import BenchSupport

/// Samples beside a run's workers: every millisecond the channel's `count` (for the
/// capacity-bound check), every 5 ms jemalloc's `stats.allocated` and the resident set size
/// (for the peaks). It allocates nothing while sampling.
package final class RunMonitor: @unchecked Sendable {
    // @unchecked: written only by the sampler's ticks, which never overlap (see
    // ``PeriodicSampler``), and read after `stop()`.
    private(set) var maxCount = 0
    private(set) var peakAllocated = 0
    private(set) var peakResident = 0
    private let rss = ResidentMemory()
    private var sampler: PeriodicSampler?

    init(count: @escaping @Sendable () -> Int) {
        sampler = PeriodicSampler(intervalNanoseconds: 1_000_000) { [unowned self] tick in
            let c = count()
            if c > maxCount { maxCount = c }
            if tick % 5 == 0 { sampleMemory() }
        }
    }

    func start() { sampler?.start() }

    /// Stops sampling after a final sample of both.
    func stop() {
        sampler?.stop()
        sampleMemory()
        sampler = nil
    }

    private func sampleMemory() {
        JemallocStats.refresh()
        if let a = JemallocStats.allocatedBytes(), a > peakAllocated { peakAllocated = a }
        if let r = rss.residentBytes(), r > peakResident { peakResident = r }
    }
}
