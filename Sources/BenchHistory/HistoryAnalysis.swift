import Foundation
import BenchSupport
import BenchModel
import BenchCompare

/// Change points of every configuration's series on one machine class, each with its size.
package struct HistoryAnalysis: Sendable {
    /// One located shift of one configuration.
    package struct Shift: Sendable, Equatable {
        /// Index in the series of the first point after the shift.
        package var index: Int
        /// The commit where the shift began (the first one measured after it).
        package var commit: String
        package var pValue: Double
        /// Median of the segment after / median of the segment before (segments run to the
        /// neighbouring change points), with a bootstrap interval over the per-commit medians;
        /// `nil` bounds when a segment has fewer than 2 points.
        package var ratio: Double
        package var low: Double?
        package var high: Double?
        package var isSlowdown: Bool
    }

    package struct Result: Sendable, Equatable {
        package var series: ConfigurationSeries
        package var shifts: [Shift]
        /// The newest shift is a slowdown that starts within the newest `minimumSegment` points:
        /// as close to the newest commit as the detector can locate one.
        package var slowdownAtHead: Shift?
    }

    package var metric: HistoryMetric
    package var detector: EDivisive
    package var confidence: Double = 0.95

    package init(metric: HistoryMetric, detector: EDivisive) {
        self.metric = metric
        self.detector = detector
    }

    /// Analyses one series. The detector works on log values, so a shift is judged by its
    /// ratio, the same for a 100 ns and a 10 µs configuration; each configuration gets its own
    /// seed derived from the detector's and its key, so results do not depend on which other
    /// configurations were analysed.
    package func analyse(_ series: ConfigurationSeries) -> Result {
        var detector = detector
        detector.seed = SeededGenerator.derive(detector.seed, ConfigurationIdentity.text(series.configuration))
        let values = series.points.map(\.median)
        let found = detector.changePoints(values.map { log(max($0, .leastNormalMagnitude)) })
        var generator = SeededGenerator(seed: SeededGenerator.derive(detector.seed, "size"))
        let bounds = [0] + found.map(\.index) + [values.count]
        let shifts = found.enumerated().map { i, cp in
            let before = Array(values[bounds[i]..<cp.index])
            let after = Array(values[cp.index..<bounds[i + 2]])
            let ratio = SampleStatistics.ratio(SampleStatistics.median(after)!, SampleStatistics.median(before)!)
            let interval = BootstrapRatioInterval(base: before, new: after, confidence: confidence, resamples: 2_000,
                                                  generator: &generator)
            return Shift(index: cp.index, commit: series.points[cp.index].commit, pValue: cp.pValue, ratio: ratio,
                         low: interval?.low, high: interval?.high, isSlowdown: metric.direction(ratio: ratio) == "slowdown")
        }
        var atHead: Shift?
        if let last = shifts.last, last.isSlowdown, last.index >= values.count - max(1, detector.minimumSegment) {
            atHead = last
        }
        return Result(series: series, shifts: shifts, slowdownAtHead: atHead)
    }

    /// Analyses every series, in order. Long histories take a while: `progress` hears how far
    /// it got ("analysed 40/400 configurations"), at most every 10 %, from 20 series on.
    package func analyse(_ series: [ConfigurationSeries], progress: (String) -> Void) -> [Result] {
        var results: [Result] = []
        for (i, s) in series.enumerated() {
            results.append(analyse(s))
            if series.count >= 20, (i + 1) * 10 / series.count > i * 10 / series.count {
                progress("analysed \(i + 1)/\(series.count) configurations")
            }
        }
        return results
    }
}
