import Foundation

/// The Mann–Whitney U (Wilcoxon rank-sum) test of "BASE and NEW come from the same distribution".
///
/// - Two-sided p-value. Ties get midranks.
/// - Exact for small samples (pooled size up to `exactLimit`): the permutation distribution of
///   the rank sum is counted by dynamic programming over doubled midranks, which stay integers,
///   so the p-value is exact *with* ties. Larger samples use the normal approximation with tie
///   and continuity corrections.
/// - `minimumAchievableP` says how small p can possibly get for these sample sizes and ties. It
///   is why the compare verdict does not simply demand p < 0.05: with 3 vs 3 repetitions the
///   most extreme possible split still has p = 2/20 = 0.1, so a rule that requires p < 0.05 would
///   never fire at all.
package struct MannWhitneyTest: Hashable, Sendable {
    /// U for NEW: the number of (NEW, BASE) pairs where NEW is larger, ties counting ½.
    package let uNew: Double
    /// `uNew / (nBase·nNew)`: the probability that a NEW value exceeds a BASE value
    /// (0.5 = no shift, 1 = every NEW value above every BASE value).
    package let probabilityNewGreater: Double
    /// Two-sided p-value.
    package let pValue: Double
    /// The smallest two-sided p-value any arrangement of these values could produce.
    package let minimumAchievableP: Double
    /// Whether `pValue` came from the exact permutation distribution.
    package let isExact: Bool

    /// Pooled sizes up to this use the exact distribution (cost ~ N³/2 additions, tiny here).
    package static let exactLimit = 60

    /// `nil` when either sample is empty.
    package init?(base: [Double], new: [Double]) {
        let nBase = base.count, nNew = new.count
        guard nBase > 0, nNew > 0 else { return nil }
        let n = nBase + nNew

        // Doubled midranks: integers even with ties (a tie over ranks i...j gets i+j).
        let pooled = (base.map { ($0, false) } + new.map { ($0, true) }).sorted { $0.0 < $1.0 }
        var doubledRanks = [Int](repeating: 0, count: n)
        var tieGroups: [Int] = []
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && pooled[j + 1].0 == pooled[i].0 { j += 1 }
            for k in i...j { doubledRanks[k] = (i + 1) + (j + 1) }
            tieGroups.append(j - i + 1)
            i = j + 1
        }
        let newRankSum2 = zip(pooled, doubledRanks).reduce(0) { $0 + ($1.0.1 ? $1.1 : 0) }
        let uNew = Double(newRankSum2) / 2 - Double(nNew * (nNew + 1)) / 2
        self.uNew = uNew
        self.probabilityNewGreater = uNew / Double(nBase * nNew)

        if n <= Self.exactLimit {
            // Count, for every subset of the smaller sample's size, its doubled rank sum.
            let k = min(nBase, nNew)
            let observed = nNew <= nBase ? newRankSum2 : (n * (n + 1) - newRankSum2)
            let total = n * (n + 1)
            var ways = [[Double]](repeating: [Double](repeating: 0, count: total + 1), count: k + 1)
            ways[0][0] = 1
            for (index, weight) in doubledRanks.enumerated() {
                for size in stride(from: min(index + 1, k), through: 1, by: -1) {
                    for sum in stride(from: total, through: weight, by: -1) where ways[size - 1][sum - weight] != 0 {
                        ways[size][sum] += ways[size - 1][sum - weight]
                    }
                }
            }
            let mean = k * (n + 1)  // doubled expected rank sum of a size-k subset
            let observedDeviation = abs(observed - mean)
            var all = 0.0, asExtreme = 0.0, maxDeviation = 0
            for sum in 0...total where ways[k][sum] > 0 {
                all += ways[k][sum]
                if abs(sum - mean) >= observedDeviation { asExtreme += ways[k][sum] }
                maxDeviation = max(maxDeviation, abs(sum - mean))
            }
            var mostExtreme = 0.0
            for sum in 0...total where ways[k][sum] > 0 && abs(sum - mean) >= maxDeviation {
                mostExtreme += ways[k][sum]
            }
            self.pValue = min(1, asExtreme / all)
            self.minimumAchievableP = min(1, mostExtreme / all)
            self.isExact = true
        } else {
            let product = Double(nBase * nNew)
            let tieTerm = tieGroups.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) }
            let variance = product / 12 * (Double(n + 1) - tieTerm / Double(n * (n - 1)))
            if variance <= 0 {
                // Every value identical: no evidence of any difference, none possible.
                self.pValue = 1
                self.minimumAchievableP = 1
            } else {
                let deviation = max(0, abs(uNew - product / 2) - 0.5)
                self.pValue = min(1, erfc(deviation / variance.squareRoot() / 2.0.squareRoot()))
                let extreme = max(0, product / 2 - 0.5)
                self.minimumAchievableP = min(1, erfc(extreme / variance.squareRoot() / 2.0.squareRoot()))
            }
            self.isExact = false
        }
    }
}
