/// The outcome for one configuration, as written in the compare CSV `verdict` column.
///
/// The rule (`judge`) is written so that it works with the 3 repetitions of a quick suite and
/// gets stricter, not looser, as evidence grows:
///
/// **regression** iff the whole confidence interval of the median cost ratio NEW/BASE lies above
/// `1 + threshold` (its *lower* bound exceeds it), **and** the Mann–Whitney test agrees
/// (p < 1 − confidence) whenever the sample sizes allow it to. **improvement** is the mirror:
/// the upper bound lies below `1 / (1 + threshold)`, with the same rank-test guard.
/// Everything else is **unchanged** ("no material change shown", not "proven equal").
///
/// Why the lower bound, not the point estimate: on a shared 2-core machine medians wander by a
/// few percent between runs of the same build. "Median 6 % slower and significantly different
/// from 1" fires on that drift; "confidently *more than* 5 % slower" does not, while a real 30 %
/// slowdown clears it easily. With 3 repetitions per side the interval is roughly
/// `[min NEW / max BASE, max NEW / min BASE]`, so a regression needs every NEW run to be slower
/// than every BASE run by more than the threshold — a strong, easily explained criterion.
///
/// Why the rank test is a guard and not the rule: with 3 vs 3 values the smallest possible
/// two-sided p is 0.1, so "p < 0.05" could never fire. The test therefore only vetoes when it
/// *could* have reached significance (its minimum achievable p is below alpha); with 4 or more
/// repetitions per side it applies and protects against the percentile bootstrap's known
/// over-narrow intervals on small samples.
///
/// **failed** (any NEW repetition with `verified=false`) outranks everything: a wrong answer is
/// worse than a slow one. **missing** (in BASE only) and **new** (in NEW only) are not judged.
public enum CompareVerdict: String, CaseIterable, Hashable, Sendable {
    case regression, improvement, unchanged, missing, new, failed

    /// Order for "worst first" reports: failed, regression, then measured ones, then unmatched.
    public var severity: Int {
        switch self {
        case .failed: return 0
        case .regression: return 1
        case .unchanged, .improvement: return 2
        case .missing: return 3
        case .new: return 4
        }
    }

    /// Whether this verdict makes `chanbench compare` exit 2.
    public var failsGate: Bool { self == .failed || self == .regression }

    /// Applies the rule above to a measured configuration. `interval` is `nil` when a side has
    /// fewer than 2 values: without a spread there is no evidence, so the verdict is unchanged.
    public static func judge(interval: BootstrapRatioInterval?, test: MannWhitneyTest?,
                             metric: CompareMetric, threshold: CompareThreshold) -> CompareVerdict {
        guard let interval else { return .unchanged }
        // Convert to cost ratios (> 1 = worse); for throughput the bounds swap.
        let a = metric.costRatio(interval.low), b = metric.costRatio(interval.high)
        let costLow = min(a, b), costHigh = max(a, b)
        let alpha = 1 - interval.confidence
        let rankTestAgrees: Bool
        if let test, test.minimumAchievableP < alpha {
            rankTestAgrees = test.pValue < alpha
        } else {
            rankTestAgrees = true  // the test cannot reach significance at these sizes: no veto
        }
        if costLow > threshold.regressionBound && rankTestAgrees { return .regression }
        if costHigh < threshold.improvementBound && rankTestAgrees { return .improvement }
        return .unchanged
    }
}
