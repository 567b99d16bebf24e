import Testing
import Channels
@testable import BenchModel

/// The sizing rule: grow fast runs to the minimum time, shrink slow ones to the maximum, in
/// powers of two, within bounds, never into an unsupported configuration.
@Suite struct RepetitionSizingTests {
    func config(workload: Workload = .mpmc, producers: Int = 4, capacity: ChannelCapacity = .bounded(16),
                messages: Int = 20_000, rate: Int? = nil) -> RunConfiguration {
        RunConfiguration(implementation: TestDescriptors.good, workload: workload, producers: producers,
                         consumers: workload == .mpmc ? 2 : 1, capacity: capacity, messageBytes: 8,
                         messages: messages, rate: rate)
    }

    /// A verified warmup of `messages` that took `seconds`.
    func warmup(_ c: RunConfiguration, messages: Int, seconds: Double) -> RunResult {
        let m = RunMetrics(seconds: seconds, messagesPerSecond: Double(messages) / seconds,
                           nanosecondsPerMessage: seconds * 1e9 / Double(messages), cpuUserSeconds: 0, cpuSystemSeconds: 0,
                           voluntaryContextSwitches: 0, involuntaryContextSwitches: 0, allocationsPerMessage: nil,
                           peakAllocatedBytes: nil, peakResidentBytes: nil, latency: nil)
        return RunResult(configuration: c.withMessages(messages), repetition: 0, failure: nil, lostMessages: 0, metrics: m)
    }

    let quick = RepetitionSizing(minimumSeconds: 0.03, maximumSeconds: 0.25)

    @Test func fastRunGrowsBySmallestPowerOfTwoReachingTheMinimum() {
        let c = config()
        // 5000 warmup messages in 1 ms: 20k take 4 ms; x8 = 32 ms is the first >= 30 ms.
        let sized = quick.measuredConfiguration(for: c, warmup: warmup(c, messages: 5_000, seconds: 0.001))
        #expect(sized.messages == 160_000)
        #expect(sized.messages % c.producers == 0)
    }

    @Test func theFastestEstimateSizesTheRun() {
        let c = config()
        // A warmup stalled to 4 ms for 5000 messages sizes 20k to x2 (32 ms estimated); a probe
        // at that count running at the channel's real 0.2 µs/msg says x8.
        let stalled = warmup(c, messages: 5_000, seconds: 0.004)
        let first = quick.measuredConfiguration(for: c, estimates: [stalled])
        #expect(first.messages == 40_000)
        #expect(quick.needsProbe(c, measured: first))
        let probe = warmup(c, messages: 40_000, seconds: 0.008)
        #expect(quick.measuredConfiguration(for: c, estimates: [stalled, probe]).messages == 160_000)
        // A slower probe never shrinks what the warmup chose.
        let slowProbe = warmup(c, messages: 40_000, seconds: 0.1)
        #expect(quick.measuredConfiguration(for: c, estimates: [stalled, slowProbe]).messages == 40_000)
    }

    @Test func onlyARunThatGrewIsProbed() {
        let c = config()
        #expect(!quick.needsProbe(c, measured: c))
        #expect(!quick.needsProbe(c, measured: c.withMessages(10_000)))
        #expect(!RepetitionSizing(minimumSeconds: 0, maximumSeconds: 0.25).needsProbe(c, measured: c.withMessages(40_000)))
        let paced = config(rate: 1_000)
        #expect(!quick.needsProbe(paced, measured: paced.withMessages(40_000)))
    }

    @Test func growthStopsAtTheMaximumFactor() {
        let c = config()
        let sized = quick.measuredConfiguration(for: c, warmup: warmup(c, messages: 5_000, seconds: 0.000_001))
        #expect(sized.messages == 20_000 * 64)
    }

    @Test func runsInsideTheRangeKeepTheirCount() {
        let c = config()
        let sized = quick.measuredConfiguration(for: c, warmup: warmup(c, messages: 5_000, seconds: 0.025))  // 100 ms
        #expect(sized.messages == 20_000)
    }

    @Test func slowRunShrinksToAMultipleOfTheProducersButNotBelowTheFloor() {
        let c = config(producers: 3, messages: 21_000)
        // 1 ms per message: 21 s estimated; /16 gives 1312 (a multiple of 3), still 1.3 s.
        let sized = quick.measuredConfiguration(for: c, warmup: warmup(c, messages: 5_250, seconds: 5.25))
        #expect(sized.messages == 21_000 / 16 / 3 * 3)
        let floor = RepetitionSizing(minimumSeconds: 0.03, maximumSeconds: 0.25, minimumMessages: 5_000)
        let limited = floor.measuredConfiguration(for: c, warmup: warmup(c, messages: 5_250, seconds: 5.25))
        #expect(limited.messages >= 5_000 && limited.messages < 21_000)
        #expect(limited.messages % 3 == 0)
    }

    @Test func growthNeverMakesSeqOverflowABoundedChannel() {
        let c = config(workload: .seq, producers: 1, capacity: .bounded(50_000), messages: 20_000)
        let sized = quick.measuredConfiguration(for: c, warmup: warmup(c, messages: 5_000, seconds: 0.000_1))
        #expect(sized.messages == 40_000, "x2 is the largest power of two that still fits 50k")
        #expect(sized.unsupportedReason == nil)
    }

    @Test func openLoopFailedOrMissingWarmupAndOffAreLeftAlone() {
        let paced = config(rate: 1_000)
        #expect(quick.measuredConfiguration(for: paced, warmup: warmup(paced, messages: 5_000, seconds: 0.001)).messages == 20_000)
        let c = config()
        #expect(quick.measuredConfiguration(for: c, warmup: nil).messages == 20_000)
        let failed = RunResult(configuration: c, repetition: 0, failure: "lost", lostMessages: 0, metrics: nil)
        #expect(quick.measuredConfiguration(for: c, warmup: failed).messages == 20_000)
        #expect(RepetitionSizing.off.measuredConfiguration(for: c, warmup: warmup(c, messages: 5_000, seconds: 0.001)).messages == 20_000)
    }

    @Test func optionsRejectBadTimes() {
        #expect(throws: BenchInputError.minimumTimeNeedsWarmup) {
            try RunOptions(warmup: 0, sizing: RepetitionSizing(minimumSeconds: 0.01)).validate()
        }
        #expect(throws: BenchInputError.repetitionTimesInverted(minimum: 0.5, maximum: 0.1)) {
            try RunOptions(sizing: RepetitionSizing(minimumSeconds: 0.5, maximumSeconds: 0.1)).validate()
        }
        #expect(throws: BenchInputError.badRepetitionTime(option: "max-time", value: "inf")) {
            try RunOptions(sizing: RepetitionSizing(minimumSeconds: 0, maximumSeconds: .infinity)).validate()
        }
    }
}
