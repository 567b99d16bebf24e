import Foundation
import Testing
@testable import BenchSupport
@testable import BenchModel
@testable import BenchHistory

/// E-divisive on synthetic series: a known step is found where it is, with its sign, and a
/// flat series rarely yields a change point. Noise is log-normal-ish multiplicative, as
/// per-commit medians are.
@Suite struct HistoryChangePointTests {
    /// `count` values around `level`, multiplied by `step` from index `stepAt` on, with
    /// multiplicative noise of about `noise` (relative standard deviation).
    static func series(count: Int, level: Double = 100, stepAt: Int? = nil, step: Double = 1, noise: Double, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            // Sum of 4 uniforms: roughly normal, bounded.
            let z = ((0..<4).map { _ in Double.random(in: -1...1, using: &g) }.reduce(0, +)) * 0.866
            let base = stepAt.map { i >= $0 ? level * step : level } ?? level
            return base * exp(noise * z)
        }
    }

    static func configuration() -> BenchConfigurationKey {
        BenchConfigurationKey(impl: "ring", workload: "mpmc", producers: 2, consumers: 2, capacity: .bounded(64),
                              messageBytes: 8, driver: "threads", mode: "throughput")
    }

    static func analysed(_ values: [Double], metric: String = "ns_per_msg", seed: UInt64) throws -> HistoryAnalysis.Result {
        let points = values.enumerated().map { i, v in
            ConfigurationSeries.Point(commit: String(format: "c%03d", i), date: String(format: "2026-01-01T00:%02d:00Z", i),
                                      median: v, samples: 1)
        }
        let analysis = HistoryAnalysis(metric: try HistoryMetric(named: metric), detector: EDivisive(seed: seed))
        return analysis.analyse(ConfigurationSeries(configuration: configuration(), points: points))
    }

    @Test(arguments: [(12, 1.3), (20, 0.75), (8, 1.25), (27, 1.4)])
    func aStepIsLocatedWithinOneCommitWithItsSign(stepAt: Int, step: Double) throws {
        for seed in UInt64(1)...6 {
            let values = Self.series(count: 32, stepAt: stepAt, step: step, noise: 0.04, seed: seed &* 7919 &+ UInt64(stepAt))
            let result = try Self.analysed(values, seed: seed)
            let near = result.shifts.filter { abs($0.index - stepAt) <= 1 }
            #expect(near.count == 1, "seed \(seed): shifts at \(result.shifts.map(\.index)), step at \(stepAt)")
            guard let shift = near.first else { continue }
            #expect(shift.isSlowdown == (step > 1))
            #expect((shift.ratio > 1) == (step > 1))
            // The size is the step's, within the noise, and its interval holds it.
            #expect(abs(log(shift.ratio / step)) < 0.05, "ratio \(shift.ratio) for a step of \(step)")
            let low = try #require(shift.low), high = try #require(shift.high)
            #expect(low <= shift.ratio && shift.ratio <= high)
            #expect(shift.pValue < EDivisive.defaultAlpha)
            #expect(shift.commit == String(format: "c%03d", shift.index))
        }
    }

    @Test func aFlatNoisySeriesRarelyYieldsAChangePoint() throws {
        var falseAlarms = 0
        for seed in UInt64(1)...40 {
            let values = Self.series(count: 30, noise: 0.1, seed: seed &* 104_729)
            if !(try Self.analysed(values, seed: seed).shifts.isEmpty) { falseAlarms += 1 }
        }
        #expect(falseAlarms <= 2, "\(falseAlarms) of 40 flat series had a change point")
    }

    @Test func twoStepsAreBothFound() throws {
        var values = Self.series(count: 36, stepAt: 12, step: 1.5, noise: 0.03, seed: 11)
        for i in 24..<36 { values[i] *= 0.6 }
        let result = try Self.analysed(values, seed: 3)
        #expect(result.shifts.count == 2)
        #expect(result.shifts.map(\.index).enumerated().allSatisfy { i, index in abs(index - [12, 24][i]) <= 1 })
        #expect(result.shifts.map(\.isSlowdown) == [true, false])
    }

    @Test func throughputCountsHigherAsBetter() throws {
        let values = Self.series(count: 24, stepAt: 12, step: 0.7, noise: 0.03, seed: 5)
        let shift = try #require(try Self.analysed(values, metric: "msgs_per_sec", seed: 1).shifts.first)
        #expect(shift.ratio < 1)
        #expect(shift.isSlowdown)
    }

    @Test func theSameSeedGivesTheSameAnswer() throws {
        let values = Self.series(count: 30, stepAt: 15, step: 1.08, noise: 0.05, seed: 99)
        let a = try Self.analysed(values, seed: 42), b = try Self.analysed(values, seed: 42)
        #expect(a == b)
    }

    @Test func aSlowdownInTheNewestCommitsIsFlaggedAtHead() throws {
        let values = Self.series(count: 20, stepAt: 17, step: 1.5, noise: 0.02, seed: 8)
        let result = try Self.analysed(values, seed: 1)
        let head = try #require(result.slowdownAtHead)
        #expect(head.index == 17)
        // A speed-up there is not a failure, nor is an old slowdown.
        let faster = try Self.analysed(Self.series(count: 20, stepAt: 17, step: 0.6, noise: 0.02, seed: 8), seed: 1)
        #expect(faster.slowdownAtHead == nil)
        #expect(faster.shifts.count == 1)
        let old = try Self.analysed(Self.series(count: 20, stepAt: 8, step: 1.5, noise: 0.02, seed: 8), seed: 1)
        #expect(old.slowdownAtHead == nil)
        #expect(old.shifts.count == 1, "\(old.shifts) in \(old.series.points.map(\.median))")
    }

    @Test func tooShortASeriesHasNoChangePoint() {
        #expect(EDivisive().changePoints([1, 2, 3, 100, 100]).isEmpty)
        #expect(EDivisive().changePoints([]).isEmpty)
    }
}
