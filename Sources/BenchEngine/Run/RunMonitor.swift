import Channels
import BenchSupport

/// Samples beside a run's workers: every millisecond the channel's `count` (for the
/// capacity-bound check), every 5 ms and once at the end jemalloc's `stats.allocated` and the
/// resident set size (for the peaks). It allocates nothing while sampling.
package final class RunMonitor: @unchecked Sendable {
    // @unchecked: written only by the sampler's ticks, which never overlap (see
    // ``PeriodicSampler``), and read after `stop()`.
    private(set) var maxCount = 0
    private(set) var peakAllocated = 0
    private(set) var peakResident = 0
    /// Memory samples taken: the final one must not be taken twice (it costs a jemalloc
    /// refresh and a /proc read on the measuring thread).
    private(set) var memorySamples = 0
    private let rss = ResidentMemory()
    private var sampler: PeriodicSampler?

    /// `memoryEvery`: memory is sampled on every that-many-th tick, and on the final one.
    init(count: @escaping @Sendable () -> Int, intervalNanoseconds: UInt64 = 1_000_000, memoryEvery: Int = 5) {
        sampler = PeriodicSampler(intervalNanoseconds: intervalNanoseconds) { [unowned self] tick in
            let c = count()
            if c > maxCount { maxCount = c }
            if tick.isFinal || tick.index % memoryEvery == 0 { sampleMemory() }
        }
    }

    func start() { sampler?.start() }

    /// Stops sampling after a final sample of both (the sampler's final tick).
    func stop() {
        sampler?.stop()
        sampler = nil
    }

    private func sampleMemory() {
        memorySamples += 1
        JemallocStats.refresh()
        if let a = JemallocStats.allocatedBytes(), a > peakAllocated { peakAllocated = a }
        if let r = rss.residentBytes(), r > peakResident { peakResident = r }
    }
}
