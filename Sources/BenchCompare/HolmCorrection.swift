/// Holm's step-down correction for testing many configurations at once.
///
/// Why: a comparison judges ~100 configurations. At p < 0.05 each, a run compared with itself
/// would flag about five of them by chance alone — an A/A experiment here showed exactly that
/// kind of false alarm — so the gate controls the *family-wise* error instead: the chance that
/// even one unchanged configuration is called a regression stays below alpha. Holm's method
/// does that for any dependence between the tests and is uniformly more powerful than plain
/// Bonferroni: sort the p-values ascending, multiply the i-th smallest (1-based) by `m - i + 1`,
/// and make the results non-decreasing (an adjusted p is at least the previous one), capped at 1.
package enum HolmCorrection {
    /// Adjusted p-values, in the order of `pValues`.
    package static func adjusted(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}

/// How `compare` corrects for judging many configurations at once (`--correction`).
package enum MultipleComparisonCorrection: String, CaseIterable, Sendable {
    /// Holm step-down over every configuration judged (the default).
    case holm
    /// Each configuration on its own (p < alpha): for a single configuration, or to see the
    /// uncorrected picture; cries wolf on a suite-sized comparison.
    case none
}
