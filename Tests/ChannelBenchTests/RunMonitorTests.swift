import Testing
import Synchronization
import Channels
@testable import BenchSupport
@testable import BenchEngine

/// The sampler's final tick is the run's one end-of-run sample: not missed, not taken twice.
@Suite struct RunMonitorTests {
    final class Ticks: Sendable {
        let seen = PthreadLockedState<[PeriodicSampler.Tick]>([])
        let counted = Atomic<Int>(0)
    }

    @Test func ticksRunInOrderAndOnlyTheLastIsFinal() {
        let ticks = Ticks()
        let sampler = PeriodicSampler(intervalNanoseconds: 1_000_000) { t in ticks.seen.withLock { $0.append(t) } }
        sampler.start()
        sampler.stop()
        let seen = ticks.seen.withLock { $0 }
        #expect(seen.map(\.index) == Array(0..<seen.count))
        #expect(seen.map(\.isFinal) == Array(repeating: false, count: seen.count - 1) + [true])
    }

    /// Memory read on every tick: exactly one read per tick, however many ticks the schedule
    /// allowed; `stop` does not read again after the final tick.
    @Test func memoryIsReadOncePerTickWithNoExtraReadAtStop() {
        let ticks = Ticks()
        let monitor = RunMonitor(count: { ticks.counted.wrappingAdd(1, ordering: .relaxed); return 0 }, memoryEvery: 1)
        monitor.start()
        monitor.stop()
        #expect(monitor.memorySamples == ticks.counted.load(ordering: .relaxed))
    }

    /// At the usual cadence the end is still sampled: with an interval no test reaches, the
    /// ticks are start's and stop's, and both read memory although 1 is not a multiple of 5.
    @Test func finalTickReadsMemoryOffTheCadence() {
        let ticks = Ticks()
        let monitor = RunMonitor(count: { ticks.counted.wrappingAdd(1, ordering: .relaxed); return 0 },
                                 intervalNanoseconds: 3_600_000_000_000)
        monitor.start()
        monitor.stop()
        #expect(ticks.counted.load(ordering: .relaxed) == 2)
        #expect(monitor.memorySamples == 2)
    }
}
