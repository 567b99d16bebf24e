import BenchSupport

/// Change points in a series by E-divisive means (Matteson & James 2014, "A Nonparametric
/// Approach for Multiple Change Point Analysis of Multivariate Data"), the method behind
/// MongoDB's Hunter / Apache Otava, with α = 1 and a permutation significance test.
///
/// Hierarchical bisection: in each round, every segment between the change points found so far
/// proposes the split τ that maximises the divergence statistic
///
///     Q(τ) = (m·k / (m+k)) · ( 2/(m·k) Σ|xᵢ−yⱼ| − 1/C(m,2) Σ|xᵢ−xⱼ| − 1/C(k,2) Σ|yᵢ−yⱼ| )
///
/// between its `m` points before τ and its `k` points from τ on (the segment's end is the
/// other bound, as Otava does, rather than the paper's search over it). The best proposal is
/// kept if it is significant: the values are permuted within each segment `permutations`
/// times, and p = (1 + #{permuted best ≥ observed best}) / (1 + permutations). Rounds stop at the
/// first proposal with p ≥ `alpha`. 999 permutations by default: a shift in the newest 3 of 14
/// points is one arrangement in C(14,3) = 364, so its exact p is 0.003, and 199 permutations
/// cannot tell that from 0.01 reliably.
///
/// Guarantees: deterministic (the same values, options and seed give the same change points);
/// no assumption about the distribution (distances, not means and variances); O(n²) per
/// segment and permutation. Limits: a segment shorter than `minimumSegment` is never proposed,
/// so a shift in the newest `minimumSegment − 1` points cannot be located yet.
package struct EDivisive: Sendable {
    /// One located shift: the series changes starting at `index`.
    package struct ChangePoint: Sendable, Equatable {
        package var index: Int
        package var pValue: Double
        package var statistic: Double
    }

    package var alpha: Double
    package var permutations: Int
    package var minimumSegment: Int
    package var seed: UInt64

    package static let defaultAlpha = 0.01
    package static let defaultPermutations = 999
    package static let defaultMinimumSegment = 3

    package init(alpha: Double = defaultAlpha, permutations: Int = defaultPermutations,
                 minimumSegment: Int = defaultMinimumSegment, seed: UInt64 = 1) {
        self.alpha = alpha
        self.permutations = permutations
        self.minimumSegment = minimumSegment
        self.seed = seed
    }

    /// The change points of `values`, by increasing index.
    package func changePoints(_ values: [Double]) -> [ChangePoint] {
        var generator = SeededGenerator(seed: seed)
        var found: [ChangePoint] = []
        while true {
            let bounds = [0] + found.map(\.index).sorted() + [values.count]
            let segments = zip(bounds, bounds.dropFirst()).map { $0..<$1 }
            guard let best = Self.bestSplit(values, segments: segments, minimumSegment: minimumSegment) else { break }
            var exceed = 0
            var shuffled = values
            for _ in 0..<permutations {
                for s in segments { shuffled[s].shuffle(using: &generator) }
                let permuted = Self.bestSplit(shuffled, segments: segments, minimumSegment: minimumSegment)
                if let permuted, permuted.statistic >= best.statistic { exceed += 1 }
            }
            let p = Double(1 + exceed) / Double(1 + permutations)
            if p >= alpha { break }
            found.append(ChangePoint(index: best.index, pValue: p, statistic: best.statistic))
        }
        return found.sorted { $0.index < $1.index }
    }

    /// The best split over all `segments` of `values`: its index and statistic.
    static func bestSplit(_ values: [Double], segments: [Range<Int>], minimumSegment: Int) -> (index: Int, statistic: Double)? {
        var best: (index: Int, statistic: Double)?
        for s in segments {
            guard let split = bestSplit(Array(values[s]), minimumSegment: minimumSegment) else { continue }
            if best == nil || split.statistic > best!.statistic { best = (s.lowerBound + split.index, split.statistic) }
        }
        return best
    }

    /// The τ in `minimumSegment ... n − minimumSegment` maximising Q(τ) for one segment.
    static func bestSplit(_ z: [Double], minimumSegment: Int) -> (index: Int, statistic: Double)? {
        let n = z.count
        let lowest = max(1, minimumSegment)
        guard n >= 2 * lowest else { return nil }
        // left[t]: Σ|zᵢ−zⱼ| over i < j < t; right[t]: over t ≤ i < j; both in O(n²).
        var left = [Double](repeating: 0, count: n + 1)
        for t in 1...n {
            var add = 0.0
            for i in 0..<(t - 1) { add += abs(z[i] - z[t - 1]) }
            left[t] = left[t - 1] + add
        }
        var right = [Double](repeating: 0, count: n + 1)
        for t in stride(from: n - 1, through: 0, by: -1) {
            var add = 0.0
            for j in (t + 1)..<n { add += abs(z[t] - z[j]) }
            right[t] = right[t + 1] + add
        }
        let total = left[n]
        var best: (index: Int, statistic: Double)?
        for tau in lowest...(n - lowest) {
            let m = Double(tau), k = Double(n - tau)
            let within = left[tau] + right[tau]
            let cross = total - within
            let withinX = tau > 1 ? left[tau] / (m * (m - 1) / 2) : 0
            let withinY = n - tau > 1 ? right[tau] / (k * (k - 1) / 2) : 0
            let q = (m * k / (m + k)) * (2 * cross / (m * k) - withinX - withinY)
            if best == nil || q > best!.statistic { best = (tau, q) }
        }
        return best
    }
}
