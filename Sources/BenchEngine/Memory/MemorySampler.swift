import Synchronization
import Channels
import BenchSupport
import BenchModel

/// Counters the workers bump and the sampler reads, plus the run's end marks.
package final class TrafficCounters: Sendable {
    let sent = Atomic<Int>(0)
    let received = Atomic<Int>(0)
    let producerEnd = Atomic<UInt64>(0)
    let consumerEnd = Atomic<UInt64>(0)
    private let producersLeft: HandleCount

    init(producers: Int) { producersLeft = HandleCount(producers) }

    /// Marks one producer finished; `true` for the last one (which then closes the channel).
    func producerFinished() -> Bool {
        guard producersLeft.release() else { return false }
        producerEnd.store(monotonicNanoseconds(), ordering: .relaxed)
        return true
    }
}

/// Records a ``MemorySample`` every interval (on a ``PeriodicSampler``) until stopped.
///
/// Samples go into storage reserved before the run starts, so the sampler's own bookkeeping
/// does not show up as channel growth.
package final class MemorySampler: @unchecked Sendable {
    // @unchecked: `samples` is appended to only by the sampler's ticks, which never overlap,
    // and read after `stop()`.
    private var samples: [MemorySample] = []
    private var origin: UInt64 = 0
    private var sampler: PeriodicSampler?

    init(intervalMilliseconds: Int, expectedSeconds: Double, probe: MemoryProbe, counters: TrafficCounters,
         queued: @escaping @Sendable () -> Int) {
        let expected = Int(expectedSeconds * 1000 / Double(max(1, intervalMilliseconds))) + 1024
        samples.reserveCapacity(min(expected * 2, 2_000_000))
        sampler = PeriodicSampler(intervalNanoseconds: UInt64(max(1, intervalMilliseconds)) * 1_000_000) { [unowned self] _ in
            let t = Double(monotonicNanoseconds() - origin) / 1e6
            // `received` first: both only grow, and every received message was counted as sent
            // before it was sent, so reading in this order gives received <= sent.
            let received = counters.received.load(ordering: .acquiring)
            let sent = counters.sent.load(ordering: .acquiring)
            samples.append(MemorySample(tMilliseconds: t, reading: probe.read(), queued: queued(), sent: sent, received: received))
        }
    }

    /// Takes the first sample (t = 0) and starts sampling.
    func start() {
        origin = monotonicNanoseconds()
        sampler?.start()
    }

    /// Stops sampling after a final sample and returns them all.
    func stop() -> [MemorySample] {
        sampler?.stop()
        sampler = nil
        return samples
    }
}
