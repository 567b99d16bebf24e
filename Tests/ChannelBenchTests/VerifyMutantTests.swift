import Testing
#if canImport(Glibc)
import Glibc
#endif
import Channels
@testable import BenchSupport
@testable import BenchVerify

/// `verify` must be able to fail: every deliberately broken channel is caught within the
/// quick budget, and the correct control channel passes (no false positives).
/// Serialized: each run oversubscribes the 2-core box on its own.
@Suite(.serialized) struct VerifyMutantTests {
    @Test(arguments: MutantBug.mutants)
    func verifyCatchesMutant(_ bug: MutantBug) async throws {
        let config = VerifyConfiguration(implementations: [bug.descriptor], quick: true, failFast: true)
        let t0 = monotonicNanoseconds()
        let report = try await verifyOffThePool(config) { line in
            errorLine("  \(line)")
        }
        let seconds = Double(monotonicNanoseconds() - t0) / 1e9
        let caughtBy = report.failures.map(\.check)
        errorLine("mutant \(bug): caught by \(caughtBy) in \(DecimalText.fixed(seconds, 2)) s (seed \(config.seed))")
        #expect(!report.passed, "mutant \(bug) was not caught (seed \(config.seed))")
        if let f = report.failures.first {
            #expect(!f.message.isEmpty)
        }
    }

    /// The individual hunters work on their own, not only as a net: the linearizability
    /// search alone finds the ordering/capacity/close bugs (with a Lincheck-style table), the
    /// stress check alone finds loss and duplication.
    @Test(arguments: [
        (MutantBug.exceedsCapacityByOne, "linearizability"), (.reordersOneProducer, "linearizability"),
        (.closeDropsBuffered, "linearizability"), (.losesUnderContention, "exactly-once"),
        (.duplicatesUnderContention, "exactly-once"), (.lostWakeup, "progress"),
    ])
    func singleCheckCatchesMutant(_ bug: MutantBug, _ check: String) async throws {
        // A fixed number of iterations, not only a time budget: on a busy machine (or under
        // TSan) 20 s held too few random histories to expose the reordering mutant.
        let config = VerifyConfiguration(implementations: [bug.descriptor], checks: [check], budgetSeconds: 20, quick: true,
                                         minimumIterations: 100)
        let report = try await verifyOffThePool(config)
        let failure = report.failures.first
        errorLine("\(check) alone on \(bug): \(failure.map { "caught: \($0.message) (\($0.iterations) iterations, \(DecimalText.fixed($0.seconds, 2)) s)" } ?? "NOT caught")")
        #expect(failure != nil, "\(check) did not catch \(bug) (seed \(config.seed))")
        if check == "linearizability", let failure {
            errorLine(failure.counterexample)
            #expect(failure.counterexample.contains("| Thread 0"))
        }
    }

    /// Each bug class verify once missed is caught by the check written for it, in every
    /// shape of it, within that check's quick budget.
    @Test(arguments: MutantBug.classCases)
    func classCheckCatchesMutant(_ bug: MutantBug, _ check: String) async throws {
        // A fixed number of iterations (a run stops at its first failure), so how fast the
        // machine is does not decide whether the catch is asserted.
        let config = VerifyConfiguration(implementations: [bug.descriptor], checks: [check], budgetSeconds: 30, quick: true,
                                         minimumIterations: 36)
        let report = try await verifyOffThePool(config)
        let failure = report.failures.first
        errorLine("\(check) on \(bug): \(failure.map { "caught: \($0.message) (\($0.iterations) iterations, \(DecimalText.fixed($0.seconds, 2)) s)" } ?? "NOT caught")")
        #expect(failure != nil, "\(check) did not catch \(bug) (seed \(config.seed))")
    }

    @Test func correctChannelPasses() async throws {
        // Every check runs at least once whatever the budget: how fast the machine is must not
        // decide whether a check is asserted on.
        let config = VerifyConfiguration(implementations: [MutantBug.none.descriptor], budgetSeconds: 30, quick: true,
                                         minimumIterations: 1)
        let report = try await verifyOffThePool(config)
        if !report.passed { print(report.table + "\n" + report.failureDetails) }
        #expect(report.passed, "false positive on the correct control channel (seed \(config.seed))")
        #expect(report.results.contains { $0.status == .passed && $0.check == "linearizability" })
        #expect(report.results.contains { $0.status == .passed && $0.check == "exactly-once" })
    }

    /// The task driver, the thread-to-task bridge and the cancellation check on a correct
    /// suspending channel: no false positives there either.
    @Test func correctAsyncChannelPasses() async throws {
        // The budget is a hard limit and the polling channel is slow: every check runs at least
        // once whatever the budget (cancellation runs last).
        let config = VerifyConfiguration(implementations: [PollingAsyncMaker.descriptor], budgetSeconds: 45, quick: true,
                                         minimumIterations: 1)
        let report = try await verifyOffThePool(config)
        if !report.passed || report.results.contains(where: { $0.message.hasPrefix("not run") }) {
            errorLine(report.table + "\n" + report.failureDetails)
        }
        #expect(report.passed, "false positive on the async control channel (seed \(config.seed))")
        #expect(report.results.contains { $0.status == .passed && $0.check == "cancellation" })
    }

    /// Catch rate of each class's check over fixed seeds: CHANNELBENCH_CLASS_STATS=<seeds>
    /// (CHANNELBENCH_CLASS_CHECKS=a,b limits it to those checks).
    @Test(.enabled(if: Environment.classStatsSeeds > 0))
    func classCatchRates() throws {
        var lines = ["class | check | mutant | caught | mean s to catch"]
        for c in MutantBug.classes where Environment.classStatsChecks?.contains(c.check) ?? true {
            for bug in c.variants {
                var caught = 0
                var times: [Double] = []
                for s in 0..<Environment.classStatsSeeds {
                    let config = VerifyConfiguration(implementations: [bug.descriptor], checks: [c.check], seed: UInt64(1000 + s),
                                                     budgetSeconds: 30, quick: true)
                    let report = try Verifier.run(config)
                    if let f = report.failures.first {
                        caught += 1
                        times.append(f.seconds)
                    }
                }
                let mean = times.isEmpty ? 0 : times.reduce(0, +) / Double(times.count)
                lines.append("\(c.name) | \(c.check) | \(bug) | \(caught)/\(Environment.classStatsSeeds) | \(DecimalText.fixed(mean, 2))")
                #expect(caught == Environment.classStatsSeeds, "\(bug) escaped \(c.check) in \(Environment.classStatsSeeds - caught) seed(s)")
            }
        }
        errorLine(lines.joined(separator: "\n"))
    }

    /// Catch statistics for the report: CHANNELBENCH_MUTANT_STATS=<runs per mutant>.
    @Test(.enabled(if: Environment.statsRuns > 0))
    func mutantCatchStatistics() throws {
        var lines = ["mutant | caught | mean s | max s | first catching checks"]
        for bug in MutantBug.mutants {
            var caught = 0
            var times: [Double] = []
            var checks: [String: Int] = [:]
            for run in 0..<Environment.statsRuns {
                let config = VerifyConfiguration(implementations: [bug.descriptor], seed: UInt64(1000 + run), quick: true, failFast: true)
                let t0 = monotonicNanoseconds()
                let report = try Verifier.run(config)
                times.append(Double(monotonicNanoseconds() - t0) / 1e9)
                if let f = report.failures.first {
                    caught += 1
                    checks[f.check, default: 0] += 1
                }
            }
            let mean = times.reduce(0, +) / Double(times.count)
            lines.append("\(bug) | \(caught)/\(times.count) | \(DecimalText.fixed(mean, 2)) | \(DecimalText.fixed(times.max()!, 2)) | \(checks.sorted { $0.value > $1.value }.map { "\($0.key)×\($0.value)" }.joined(separator: ", "))")
            #expect(caught == times.count, "mutant \(bug) escaped \(times.count - caught) run(s)")
        }
        errorLine(lines.joined(separator: "\n"))
    }
}

enum Environment {
    static var statsRuns: Int { number("CHANNELBENCH_MUTANT_STATS") }
    static var classStatsSeeds: Int { number("CHANNELBENCH_CLASS_STATS") }
    static var classStatsChecks: Set<String>? {
        getenv("CHANNELBENCH_CLASS_CHECKS").map { Set(String(cString: $0).split(separator: ",").map(String.init)) }
    }

    private static func number(_ name: String) -> Int {
        guard let raw = getenv(name) else { return 0 }
        return Int(String(cString: raw)) ?? 0
    }
}

/// Unbuffered line on stderr, so progress survives a crash or a timeout.
func errorLine(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
