/// Settings of one comparison. Defaults: ns/msg, a 5 % threshold, 95 % intervals.
package struct CompareOptions: Sendable {
    package var metric: CompareMetric
    package var threshold: CompareThreshold
    /// Confidence level of the interval, in (0, 1); `1 - confidence` is the rank test's alpha.
    package var confidence: Double
    /// Seed of the bootstrap; the same seed reproduces the same intervals.
    package var seed: UInt64
    package var resamples: Int
    /// Family-wise correction of the rank test across configurations.
    package var correction: MultipleComparisonCorrection

    package static let defaultSeed: UInt64 = 20_240_601

    package init(metric: CompareMetric = .nsPerMessage, threshold: CompareThreshold = .default,
                confidence: Double = 0.95, seed: UInt64 = CompareOptions.defaultSeed,
                resamples: Int = BootstrapRatioInterval.defaultResamples,
                correction: MultipleComparisonCorrection = .holm) {
        self.correction = correction
        self.metric = metric
        self.threshold = threshold
        self.confidence = confidence
        self.seed = seed
        self.resamples = resamples
    }

    /// Parses `95%`, `95` or `0.95`; accepts levels from 50 % to 99.9 %.
    package static func parseConfidence(_ text: String) throws(CompareError) -> Double {
        let s = text.filter { $0 != " " }
        let hasPercent = s.hasSuffix("%")
        guard var level = Double(hasPercent ? String(s.dropLast()) : s), level.isFinite else {
            throw .badConfidence(text)
        }
        if hasPercent || level > 1 { level /= 100 }
        guard level >= 0.5, level <= 0.999 else { throw .badConfidence(text) }
        return level
    }
}
