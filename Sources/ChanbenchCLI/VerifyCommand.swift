import ArgumentParser
import BenchSupport
#if canImport(Glibc)
import Glibc
#endif
import Channels
import BenchEngine
import BenchVerify

/// `chanbench verify`: runs the verification checks (exactly-once, capacity, rendezvous,
/// try/timeout, close, last-sender, no-leak, cancellation, linearizability of try and of
/// blocking operations, try-linearizable stress, progress) against the selected implementations. Progress goes to stderr, the
/// summary table and any counterexamples to stdout; the exit status is non-zero if anything
/// failed.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Hunt for bugs: stress, linearizability and progress checks against every selected implementation.",
        discussion: """
        Each check runs against every selected implementation that claims the capability it needs \
        (registry flags) for its share of the time budget. A failure prints the seed of the \
        failing iteration; pass it back with --seed (plus --impl/--check) to replay it.         Exit status: 0 every check passed, 3 a check failed (as for chanbench run), 1 bad input.
        """
    )

    @Option(name: .long, help: "Comma-separated implementation names (default: all except baselines and references).")
    var impl: String?

    @Option(name: .long, help: "Comma-separated check names (default: all; see --list-checks).")
    var check: String?

    @Option(name: .long, help: "Master seed; a failure's reported seed replays that iteration.")
    var seed: UInt64?

    @Option(name: .long, help: "Total time budget in seconds, split across checks; it bounds the whole run (default: 60 with --quick, else 600).")
    var budget: Double?

    @Flag(name: .long, help: "Smaller scenarios and a 3 s watchdog (CI, make verify).")
    var quick = false

    @Flag(name: .long, help: "List the checks and exit.")
    var listChecks = false

    func validate() throws {
        if let budget, !(budget > 0 && budget.isFinite) {
            throw ValidationError("--budget must be a positive number of seconds (got \(budget))")
        }
        // An empty list would check nothing and pass.
        if let check, Self.split(check).isEmpty { throw ValidationError("--check needs at least one check name") }
        if let impl, Self.split(impl).isEmpty { throw ValidationError("--impl needs at least one implementation") }
        if let check {
            let known = Set(Verifier.checks.map(\.name))
            for name in Self.split(check) where !known.contains(name) {
                throw ValidationError("unknown check '\(name)' (known: \(Verifier.checks.map(\.name).joined(separator: ", ")))")
            }
        }
        if let impl {
            for name in Self.split(impl) where ChannelRegistry.named(name) == nil {
                if let d = BenchImplementations.all.first(where: { $0.name == name }) {
                    throw ValidationError("'\(name)' is not verifiable: it is the \(d.family) of chanbench run (no channel at all), so there are no channel semantics to check")
                }
                let known = ChannelRegistry.all.map(\.name).joined(separator: ", ")
                throw ValidationError("unknown implementation '\(name)' (known: \(known.isEmpty ? "none registered" : known))")
            }
        }
    }

    func run() throws {
        if listChecks {
            for c in Verifier.checks { print("\(c.name): \(c.summary)") }
            return
        }
        let implementations: [ChannelDescriptor]
        if let impl {
            implementations = Self.split(impl).compactMap(ChannelRegistry.named)
        } else {
            implementations = ChannelRegistry.all.filter { $0.family != "baseline" && $0.family != "reference" }
        }
        guard !implementations.isEmpty else {
            throw ValidationError("no implementations to verify (the registry is empty)")
        }
        let config = VerifyConfiguration(
            implementations: implementations,
            checks: check.map(Self.split),
            seed: seed ?? UInt64.random(in: 1...UInt64(UInt32.max)),
            budgetSeconds: budget,
            quick: quick)
        StandardError.write("verify: \(implementations.count) implementation(s), seed \(config.seed), budget \(Int(config.budgetSeconds)) s\(quick ? ", quick" : "")")
        let report: VerifyReport
        do {
            report = try Verifier.run(config) { StandardError.write($0) }
        } catch {
            throw ValidationError(error.description)
        }
        print(report.table)
        if !report.results.contains(where: { $0.status != .skipped }) {
            StandardError.write("error: nothing was checked: every implementation and check combination was skipped (see the table)")
            throw ExitCode(1)
        }
        if !report.passed {
            print("")
            print(report.failureDetails)
            throw ExitCode(3)
        }
    }

    private static func split(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
    }
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
