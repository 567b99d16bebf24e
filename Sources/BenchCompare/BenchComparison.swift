import BenchSupport

/// The result of comparing two bench CSVs: one `ConfigurationComparison` per configuration seen
/// in either file, worst first, plus file-level warnings (e.g. different machines).
package struct BenchComparison: Sendable {
    package let basePath: String
    package let newPath: String
    /// Provenance from the files' `#` metadata (git commit, date), for report headers.
    package let baseProvenance: String
    package let newProvenance: String
    package let options: CompareOptions
    /// Worst first: failed, regressions (largest slowdown first), measured ones by cost ratio
    /// descending, then missing and new.
    package let configurations: [ConfigurationComparison]
    package let warnings: [String]

    /// Whether the gate fails: any regression or failed configuration (exit code 2).
    package var failsGate: Bool { configurations.contains { $0.verdict.failsGate } }

    /// How many configurations got each verdict.
    package func count(_ verdict: CompareVerdict) -> Int {
        configurations.lazy.filter { $0.verdict == verdict }.count
    }

    /// The slowdown the reports ask about: could the rule have seen one this large?
    package static let referenceSlowdown = 1.10

    /// Configurations with figures on both sides (judged or inconclusive), and how many of them
    /// would have been flagged had NEW been `referenceSlowdown` times as costly.
    package var detection: (detectable: Int, measured: Int) {
        let measured = configurations.filter { [.regression, .improvement, .unchanged, .inconclusive].contains($0.verdict) }
        let detectable = measured.filter { ($0.minimumDetectable ?? .infinity) <= Self.referenceSlowdown }
        return (detectable.count, measured.count)
    }

    /// What "unchanged" is worth here, e.g. `5 of 6 configurations could see a 10% slowdown ...`.
    package var detectionLine: String {
        let (detectable, measured) = detection
        let percent = DecimalText.compact((Self.referenceSlowdown - 1) * 100)
        return "\(detectable) of \(measured) configurations could see a \(percent)% slowdown "
            + "(minimum detectable effect, MDE, at most +\(percent)% at their observed noise)"
    }

    /// One line such as `2 regression, 1 failed, 37 unchanged (40 configurations, metric ns_per_msg, threshold 5%)`.
    package var summaryLine: String {
        let parts = [CompareVerdict.failed, .regression, .improvement, .unchanged, .inconclusive, .missing, .new]
            .compactMap { v in count(v) > 0 ? "\(count(v)) \(v.rawValue)" : nil }
        return parts.joined(separator: ", ")
            + " (\(configurations.count) configurations, metric \(options.metric), threshold \(options.threshold))"
    }
}
