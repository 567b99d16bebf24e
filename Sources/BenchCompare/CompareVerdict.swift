/// The outcome for one configuration, as written in the compare CSV `verdict` column.
///
/// **regression** iff the whole confidence interval of the median cost ratio NEW/BASE lies above
/// `1 + threshold` (its *lower* bound exceeds it), **and** the Mann–Whitney test, corrected for
/// the number of configurations judged together (Holm, see ``HolmCorrection``), agrees:
/// adjusted p < 1 − confidence — whenever the sample sizes let it reach that. **improvement**
/// is the mirror: the upper bound lies below `1 / (1 + threshold)`, with the same guard.
/// Everything else is **unchanged** ("no material change shown", not "proven equal").
///
/// Why both: the interval says the change is *large* (a few percent of drift does not clear
/// "confidently more than 5 % slower"), the corrected rank test says it is *real* across the
/// whole family — one hundred configurations at p < 0.05 each would otherwise produce about
/// five false alarms per comparison by chance alone.
///
/// What a sample is matters more than either: repetitions inside one process share its heap
/// layout, thread placement and moment, so they agree with each other far better than two
/// processes do. compare therefore uses one sample per *process* (per fork of a `--forks N`
/// run, per A/B round, per file joined with `cat`), its median. **inconclusive**: a side has a
/// single process, so there is no spread between processes to judge a change against; it
/// never fails the gate, and compare says how to measure evidence.
///
/// When the test cannot reach significance at these sizes (3 vs 3 values: the smallest
/// two-sided p is 0.1; 8 vs 8 forks reach 1.6e-4, enough for a family of ~300 configurations)
/// it does not veto, the interval alone decides, and compare prints a warning that says so.
///
/// **failed** (any NEW repetition with `verified=false`) outranks everything: a wrong answer is
/// worse than a slow one. **missing** (in BASE only) and **new** (in NEW only) are not judged.
package enum CompareVerdict: String, CaseIterable, Hashable, Sendable {
    case regression, improvement, unchanged, inconclusive, missing, new, failed

    /// Order for "worst first" reports: failed, regression, then measured ones, then unmatched.
    package var severity: Int {
        switch self {
        case .failed: return 0
        case .regression: return 1
        case .unchanged, .improvement, .inconclusive: return 2
        case .missing: return 3
        case .new: return 4
        }
    }

    /// Whether this verdict makes `chanbench compare` exit 2.
    package var failsGate: Bool { self == .failed || self == .regression }

    /// Whether the rank test can reach significance for these sample sizes when `familySize`
    /// configurations are judged together (the strictest Holm step is alpha / familySize).
    package static func rankTestCanDecide(_ test: MannWhitneyTest?, alpha: Double, familySize: Int) -> Bool {
        guard let test else { return false }
        return test.minimumAchievableP * Double(max(familySize, 1)) < alpha
    }

    /// The rule for an exact (deterministic) metric: **regression** iff the cost ratio of the
    /// medians is at least `1 + threshold`, **improvement** iff at most `1 / (1 + threshold)`,
    /// else **unchanged**. No interval, no test: the same build gives the same value, so there
    /// is no noise to allow for, and one process a side is evidence enough.
    package static func judgeExact(costRatio: Double, threshold: CompareThreshold) -> CompareVerdict {
        if costRatio >= threshold.regressionBound { return .regression }
        if costRatio <= threshold.improvementBound { return .improvement }
        return .unchanged
    }

    /// Applies the rule above to a measured configuration. `interval` is `nil` when a side has
    /// fewer than 2 values: without a spread there is no evidence, so the verdict is inconclusive.
    /// `adjustedP` is the rank test's p after the family-wise correction over `familySize`
    /// configurations (with no correction: the raw p and 1).
    package static func judge(interval: BootstrapRatioInterval?, test: MannWhitneyTest?, adjustedP: Double?,
                             familySize: Int, metric: CompareMetric, threshold: CompareThreshold) -> CompareVerdict {
        guard let interval else { return .inconclusive }
        // Convert to cost ratios (> 1 = worse); for throughput the bounds swap.
        let a = metric.costRatio(interval.low), b = metric.costRatio(interval.high)
        let costLow = min(a, b), costHigh = max(a, b)
        let alpha = 1 - interval.confidence
        let rankTestAgrees: Bool
        if rankTestCanDecide(test, alpha: alpha, familySize: familySize) {
            rankTestAgrees = (adjustedP ?? test?.pValue ?? 1) < alpha
        } else {
            rankTestAgrees = true  // the test cannot reach significance at these sizes: no veto
        }
        if costLow > threshold.regressionBound && rankTestAgrees { return .regression }
        if costHigh < threshold.improvementBound && rankTestAgrees { return .improvement }
        return .unchanged
    }
}
