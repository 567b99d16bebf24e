import BenchModel

/// BASE against NEW for one configuration and one metric: the samples' summary, the ratio with
/// its interval, the rank test, the verdict, and notes a reader should see (excluded failed
/// repetitions, too few samples).
package struct ConfigurationComparison: Sendable {
    package let key: BenchConfigurationKey
    /// The `family` column (from NEW when present), empty when the files have none.
    package let family: String
    package let metric: CompareMetric
    /// The samples per side: the median of each process's verified values (see
    /// `BenchComparator.samples`).
    package let baseValues: [Double]
    package let newValues: [Double]
    package let baseMedian: Double?
    package let newMedian: Double?
    /// Point ratio NEW/BASE of the medians and its bootstrap interval (nil with < 2 values a side).
    package let ratio: Double?
    package let interval: BootstrapRatioInterval?
    package let test: MannWhitneyTest?
    /// The rank test's p-value after the family-wise correction (`nil` when not judged).
    package let adjustedP: Double?
    package let verdict: CompareVerdict
    /// The smallest slowdown, as a cost ratio (1.08 = 8 % slower), that the rule would have
    /// flagged here at the observed noise (see `MinimumDetectableEffect`); `nil` when none
    /// would be, or the configuration was not judged.
    package let minimumDetectable: Double?
    package let notes: [String]

    /// "How many times worse" for ordering: > 1 slower, < 1 faster, regardless of metric direction.
    package var costRatio: Double? { ratio.map(metric.costRatio) }
}
