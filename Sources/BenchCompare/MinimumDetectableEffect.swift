/// The smallest slowdown the compare rule would have flagged for one configuration, at the noise
/// its samples show: what "unchanged" means there.
///
/// The question asked is "had NEW been f times as costly as BASE, with the spread NEW showed,
/// would `CompareVerdict.judge` have said regression?": NEW is scaled so that its median equals
/// BASE's, then by f in the metric's worse direction, and judged by the same rule compare applied
/// — the interval, the rank test and its Holm step against the other configurations' p-values as
/// observed. The answer is the rule's own, not a normal-theory approximation, and cheap:
/// - the bootstrap's draws depend on the seed and the sample sizes, never on the values, so
///   scaling NEW scales every resampled ratio, hence the interval, by the same factor;
/// - the rank test changes only where a scaled NEW value crosses a BASE value, so the
///   candidates are those crossings and the factor at which the interval clears the threshold.
///
/// The result is rounded *up* to 1e-4: that factor itself is flagged, 1e-4 less is not.
package enum MinimumDetectableEffect {
    /// The smallest flagged cost ratio (1.08 = an 8 % slowdown), or `nil` when no slowdown
    /// would be (or the samples cannot be scaled: a zero median).
    /// - Parameters:
    ///   - family: the raw p-values the correction runs over; `index` is this configuration's
    ///     place in it (`nil` when it is not in the family).
    static func costRatio(base: [Double], new: [Double], interval: BootstrapRatioInterval, family: [Double], index: Int?,
                          options: CompareOptions, familySize: Int) -> Double? {
        let r = interval.ratio
        let metric = options.metric
        guard r > 0, r.isFinite else { return nil }
        // The raw NEW/BASE factor that makes NEW's median BASE's, times f in the worse direction.
        func rawFactor(_ f: Double) -> Double { metric.lowerIsBetter ? f / r : 1 / (r * f) }
        func flagged(_ f: Double) -> Bool {
            let factor = rawFactor(f)
            let test = MannWhitneyTest(base: base, new: new.map { $0 * factor })
            var adjusted = test?.pValue
            if let index, let p = test?.pValue, options.correction == .holm {
                var ps = family
                ps[index] = p
                adjusted = HolmCorrection.adjusted(ps)[index]
            }
            return CompareVerdict.judge(interval: interval.scaled(by: factor), test: test, adjustedP: adjusted,
                                        familySize: familySize, metric: metric, threshold: options.threshold) == .regression
        }
        let centred = interval.scaled(by: rawFactor(1))
        let costLow = min(metric.costRatio(centred.low), metric.costRatio(centred.high))
        guard costLow > 0, costLow.isFinite else { return nil }
        let intervalClears = options.threshold.regressionBound / costLow
        var crossings = Set<Double>()
        for b in base where b > 0 {
            for n in new where n > 0 {
                let f = metric.lowerIsBetter ? b * r / n : n / (r * b)
                if f > intervalClears { crossings.insert(f) }
            }
        }
        let candidates = [intervalClears] + crossings.sorted()
        // Each candidate is where the verdict may change: judge just above it. Past the point
        // where the interval clears the threshold NEW lies above BASE, where the rank test's p
        // only falls as f grows, so the first flagged candidate is found by bisection.
        func above(_ c: Double) -> Double { c * (1 + 1e-9) }
        guard flagged(above(candidates[candidates.count - 1])) else { return nil }
        var low = 0, high = candidates.count - 1
        while low < high {
            let mid = (low + high) / 2
            if flagged(above(candidates[mid])) { high = mid } else { low = mid + 1 }
        }
        for c in candidates[low...] {
            let reported = (above(c) * 10_000).rounded(.up) / 10_000
            if flagged(reported) { return reported }
        }
        return nil
    }
}

extension BootstrapRatioInterval {
    /// The interval the same draws give when every NEW value is multiplied by `factor` (> 0).
    func scaled(by factor: Double) -> BootstrapRatioInterval {
        BootstrapRatioInterval(ratio: ratio * factor, low: low * factor, high: high * factor, confidence: confidence)
    }
}
