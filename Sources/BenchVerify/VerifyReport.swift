import BenchSupport
import Channels

/// The outcome of one check on one implementation.
public struct CheckResult: Sendable {
    public enum Status: String, Sendable { case passed = "pass", failed = "FAIL", skipped = "skip" }

    public let implementation: String
    public let check: String
    public let status: Status
    public let iterations: Int
    public let seconds: Double
    /// The seed of the failing iteration (replay with `--seed`), else the check's first seed.
    public let seed: UInt64
    /// What broke, or why the check was skipped.
    public let message: String
    public let counterexample: String
    /// Channel operations the check performed on this implementation (sends, receives, try
    /// and timed ones, closes), so a pass says how much was tried.
    public var operations: Int = 0
}

/// Everything one `verify` run found.
public struct VerifyReport: Sendable {
    public let results: [CheckResult]
    public let seed: UInt64
    public let seconds: Double

    public var failures: [CheckResult] { results.filter { $0.status == .failed } }
    public var passed: Bool { failures.isEmpty }

    /// The summary table printed on stdout: one row per implementation × check.
    public var table: String {
        let header = ["impl", "check", "result", "iterations", "operations", "seconds", "seed / note"]
        let rows = results.map { r -> [String] in
            let note: String
            switch r.status {
            case .passed: note = ""
            case .failed: note = "seed \(r.seed): \(r.message)"
            case .skipped: note = r.message
            }
            return [r.implementation, r.check, r.status.rawValue, String(r.iterations), String(r.operations),
                    DecimalText.fixed(r.seconds, 2), note]
        }
        var out = [TextTable(header: header, rows: rows).render()]
        let counts = Dictionary(grouping: results, by: \.status).mapValues(\.count)
        out.append("")
        out.append("\(counts[.passed] ?? 0) passed, \(counts[.failed] ?? 0) failed, \(counts[.skipped] ?? 0) skipped in \(DecimalText.fixed(seconds, 2)) s (seed \(seed))")
        return out.joined(separator: "\n")
    }

    /// How to run a failed check again with its seed: `chanbench verify` for a built-in; for a
    /// channel registered in the user's own process (which chanbench cannot see), the call.
    static func replay(_ f: CheckResult) -> String {
        if ChannelRegistry.builtIn.contains(where: { $0.name == f.implementation }) {
            return "chanbench verify --impl \(f.implementation) --check \(f.check) --seed \(f.seed)"
        }
        return "Verifier.run(VerifyConfiguration(implementations: [ChannelRegistry.named(\"\(f.implementation)\")!], "
            + "checks: [\"\(f.check)\"], seed: \(f.seed)))"
    }

    /// Each failure with its counterexample, for stdout after the table.
    public var failureDetails: String {
        failures.map { f in
            """
            FAIL \(f.implementation) / \(f.check) (seed \(f.seed)): \(f.message)
            replay: \(Self.replay(f))
            \(f.counterexample)
            """
        }.joined(separator: "\n\n")
    }
}
