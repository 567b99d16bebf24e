/// Pearson's chi-square test against the uniform distribution: how the select fairness checks
/// (the library's tests and `chanbench verify`) judge whether each ready operation is chosen
/// about equally often. Package-only, not library API: it sits here because the library's
/// tests see this module only.
package enum ChiSquare {
    /// How rarely a fair chooser is rejected.
    package enum Tail: Sendable {
        /// p = 1e-3: for seeded, deterministic counts (a test with a fixed seed).
        case oneInAThousand
        /// p = 1e-6: for counts that differ on every run (a checker run on many seeds).
        case oneInAMillion
    }

    /// The chi-square statistic of `counts` against equal expected counts.
    package static func statistic(_ counts: [Int]) -> Double {
        let expected = Double(counts.reduce(0, +)) / Double(counts.count)
        return counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    }

    /// The value a chi-square variable with 1…5 degrees of freedom exceeds with the tail's
    /// probability.
    package static func critical(degreesOfFreedom df: Int, tail: Tail) -> Double {
        precondition((1...5).contains(df), "chi-square critical values are tabled for 1...5 degrees of freedom (got \(df))")
        switch tail {
        case .oneInAThousand: return [10.828, 13.816, 16.266, 18.467, 20.515][df - 1]
        case .oneInAMillion: return [23.928, 27.631, 30.665, 33.377, 35.888][df - 1]
        }
    }

    /// Whether `counts` pass as uniform: the statistic at most the critical value for
    /// `counts.count - 1` degrees of freedom.
    package static func looksUniform(_ counts: [Int], tail: Tail) -> Bool {
        statistic(counts) <= critical(degreesOfFreedom: counts.count - 1, tail: tail)
    }
}
