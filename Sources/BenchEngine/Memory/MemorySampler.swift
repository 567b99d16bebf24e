import Foundation
import Synchronization
import Channels
import BenchModel

/// Counters the workers bump and the sampler reads, plus the run's end marks.
package final class TrafficCounters: Sendable {
    let sent = Atomic<Int>(0)
    let received = Atomic<Int>(0)
    let producerEnd = Atomic<UInt64>(0)
    let consumerEnd = Atomic<UInt64>(0)
    private let producersLeft: ProducersLeft

    init(producers: Int) { producersLeft = ProducersLeft(producers) }

    /// Marks one producer finished; `true` for the last one (which then closes the channel).
    func producerFinished() -> Bool {
        guard producersLeft.finish() else { return false }
        producerEnd.store(monotonicNanoseconds(), ordering: .relaxed)
        return true
    }
}

/// A thread that records a ``MemorySample`` every interval until stopped.
///
/// Samples go into storage reserved before the run starts, so the sampler's own bookkeeping
/// does not show up as channel growth.
package final class MemorySampler: @unchecked Sendable {
    // @unchecked: `samples` is written only by the sampler thread and read only after
    // `stop()` has joined it (the semaphore orders the accesses).
    private var samples: [MemorySample] = []
    private let interval: UInt64
    private let queued: @Sendable () -> Int
    private let counters: TrafficCounters
    private let probe: MemoryProbe
    private let stopFlag = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private var origin: UInt64 = 0

    init(intervalMilliseconds: Int, expectedSeconds: Double, probe: MemoryProbe, counters: TrafficCounters,
         queued: @escaping @Sendable () -> Int) {
        self.probe = probe
        self.interval = UInt64(max(1, intervalMilliseconds)) * 1_000_000
        self.counters = counters
        self.queued = queued
        let expected = Int(expectedSeconds * 1000 / Double(max(1, intervalMilliseconds))) + 1024
        samples.reserveCapacity(min(expected * 2, 2_000_000))
    }

    /// Takes the first sample synchronously (t = 0) and starts the thread.
    func start() {
        origin = monotonicNanoseconds()
        takeSample()
        let thread = Thread { [self] in
            var next = origin + interval
            while !stopFlag.load(ordering: .acquiring) {
                let now = monotonicNanoseconds()
                if now < next {
                    let wait = min(next - now, 1_000_000)
                    var ts = timespec(tv_sec: 0, tv_nsec: Int(wait))
                    nanosleep(&ts, nil)
                    continue
                }
                takeSample()
                next += interval
                if next < now { next = now + interval }  // fell behind: skip, don't burst
            }
            finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Stops the thread, takes a final sample and returns them all.
    func stop() -> [MemorySample] {
        stopFlag.store(true, ordering: .releasing)
        finished.wait()
        takeSample()
        return samples
    }

    private func takeSample() {
        let t = Double(monotonicNanoseconds() - origin) / 1e6
        // `received` first: both only grow, and every received message was counted as sent
        // before it was sent, so reading in this order gives received <= sent.
        let received = counters.received.load(ordering: .acquiring)
        let sent = counters.sent.load(ordering: .acquiring)
        samples.append(MemorySample(
            tMilliseconds: t,
            reading: probe.read(),
            queued: queued(),
            sent: sent,
            received: received
        ))
    }
}
