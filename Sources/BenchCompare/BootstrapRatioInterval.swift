import BenchSupport

/// A percentile-bootstrap confidence interval for the ratio of medians, NEW/BASE.
///
/// Each of `resamples` rounds draws BASE and NEW independently with replacement (same sizes as
/// the originals), takes the ratio of their medians, and the interval is the central
/// `confidence` share of those ratios. The point estimate is the ratio of the observed medians.
///
/// Guarantees and honest limits:
/// - deterministic: the same samples, seed and resample count give the same interval;
/// - the median and the bootstrap assume nothing about the distribution (timings are skewed);
/// - with very few repetitions the resampled medians can only take the observed values, so the
///   interval is close to `[min(NEW)/max(BASE), max(NEW)/min(BASE)]` — wide, which is the truth
///   about 3 samples, and it is exactly what keeps the gate from crying wolf;
/// - it needs at least 2 values per side: with 1 the bootstrap has no spread to show and would
///   report a zero-width interval, so `init` returns `nil` instead.
package struct BootstrapRatioInterval: Hashable, Sendable {
    package let ratio: Double
    package let low: Double
    package let high: Double
    package let confidence: Double

    package static let defaultResamples = 10_000

    init(ratio: Double, low: Double, high: Double, confidence: Double) {
        self.ratio = ratio
        self.low = low
        self.high = high
        self.confidence = confidence
    }

    package init?(base: [Double], new: [Double], confidence: Double = 0.95,
                 resamples: Int = BootstrapRatioInterval.defaultResamples,
                 generator: inout SeededGenerator) {
        guard base.count >= 2, new.count >= 2, resamples >= 100, confidence > 0, confidence < 1,
              let baseMedian = SampleStatistics.median(base),
              let newMedian = SampleStatistics.median(new)
        else { return nil }
        var ratios = [Double](repeating: 0, count: resamples)
        var baseDraw = [Double](repeating: 0, count: base.count)
        var newDraw = [Double](repeating: 0, count: new.count)
        for r in 0..<resamples {
            for i in baseDraw.indices { baseDraw[i] = base[Int.random(in: 0..<base.count, using: &generator)] }
            for i in newDraw.indices { newDraw[i] = new[Int.random(in: 0..<new.count, using: &generator)] }
            baseDraw.sort()
            newDraw.sort()
            ratios[r] = SampleStatistics.ratio(SampleStatistics.medianOfSorted(newDraw),
                                               SampleStatistics.medianOfSorted(baseDraw))
        }
        ratios.sort()
        // Conservative index choice: round the tails outward so the interval never shrinks below
        // the requested coverage because of rounding.
        let tail = (1 - confidence) / 2
        let lowIndex = max(0, Int((tail * Double(resamples)).rounded(.down)))
        let highIndex = min(resamples - 1, Int(((1 - tail) * Double(resamples)).rounded(.up)) - 1)
        self.ratio = SampleStatistics.ratio(newMedian, baseMedian)
        self.low = ratios[lowIndex]
        self.high = ratios[highIndex]
        self.confidence = confidence
    }
}
