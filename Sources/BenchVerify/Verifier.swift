import Dispatch
import Channels
import BenchSupport

/// What to verify and how hard.
public struct VerifyConfiguration: Sendable {
    /// The implementations to check (e.g. `ChannelRegistry.all`, or your own descriptor).
    public var implementations: [ChannelDescriptor]
    /// Check names to run; `nil` runs every check.
    public var checks: [String]?
    /// Master seed. Iteration 0 of every check uses it unchanged, so passing a failure's
    /// reported seed back replays that failing iteration first.
    public var seed: UInt64
    /// Total wall-clock budget in seconds, split across implementation × check pairs by weight.
    /// A hard limit: no iteration starts once it is spent (a running one finishes), except
    /// for `minimumIterations`; a pair left without time is reported as not run.
    public var budgetSeconds: Double
    /// Smaller scenarios and a shorter watchdog (`--quick`, CI and `make verify`).
    public var quick: Bool
    /// Stop at the first failing check (the mutant tests use it to time the catch).
    public var failFast: Bool
    /// Iterations every check runs even past the budget: a fixed amount of work, so that what
    /// a run can find does not depend on how fast the machine is (the budget only adds more).
    public var minimumIterations: Int

    public init(implementations: [ChannelDescriptor], checks: [String]? = nil,
                seed: UInt64 = UInt64.random(in: 1...UInt64(UInt32.max)),
                budgetSeconds: Double? = nil, quick: Bool = false, failFast: Bool = false,
                minimumIterations: Int = 0) {
        self.implementations = implementations
        self.checks = checks
        self.seed = seed
        self.quick = quick
        self.failFast = failFast
        self.minimumIterations = minimumIterations
        self.budgetSeconds = budgetSeconds ?? (quick ? Verifier.quickBudgetSeconds : Verifier.fullBudgetSeconds)
    }
}

/// Bad input to ``Verifier/run(_:progress:)``.
public enum VerifyConfigurationError: Error, CustomStringConvertible, Equatable {
    case unknownCheck(String)
    case noImplementations
    case badBudget(Double)

    public var description: String {
        switch self {
        case .unknownCheck(let n):
            return "unknown check '\(n)' (known: \(Verifier.checks.map(\.name).joined(separator: ", ")))"
        case .noImplementations: return "no implementations selected"
        case .badBudget(let b): return "budget must be a positive number of seconds (got \(b))"
        }
    }
}

/// The verification runner behind `chanbench verify`: runs every selected check against every
/// selected implementation that claims the capability, with seeded schedule perturbation, a
/// progress watchdog and a time budget, and reports pass/fail, iterations, time and — on
/// failure — the seed and a minimal counterexample.
///
/// Blocking implementations are driven from OS threads, suspending ones from tasks. The
/// synchronous `run` blocks the calling thread: call it from a plain thread (a command's
/// `run()`, a test), never from inside a task on the cooperative pool; async code calls the
/// async `run`.
public enum Verifier {
    public static let quickBudgetSeconds: Double = 60
    public static let fullBudgetSeconds: Double = 600

    /// Every check, in run order: the short deterministic ones first, the stress searches last.
    package static let checks: [VerifyCheck] = [
        DeclaredShapeCheck.check,
        SendAfterCloseCheck.check,
        CloseDrainsCheck.check,
        CapacityBoundCheck.check,
        RendezvousCheck.check,
        TryTimeoutCheck.check,
        CloseWakesAllCheck.check,
        CloseRaceCheck.check,
        LastSenderCheck.check,
        LastReceiverCheck.check,
        NoLeakCheck.check,
        ExactlyOnceCheck.check,
        LongHaulCheck.check,
        PingPongProgressCheck.check,
        ParkedWakeupsCheck.check,
        LinearizabilityCheck.check,
        TryLinearizableStressCheck.check,
        TimedContentionCheck.check,
        CancellationCheck.check,
    ]

    /// Runs the configured checks from async code: the checks block threads, so they run on a
    /// thread of their own while the calling task is suspended (never on the cooperative pool).
    public static func run(
        _ config: VerifyConfiguration,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(VerifyConfigurationError) -> VerifyReport {
        let result: Result<VerifyReport, VerifyConfigurationError> = await withCheckedContinuation { done in
            ThreadDriver.start {
                do throws(VerifyConfigurationError) {
                    done.resume(returning: .success(try run(config, progress: progress)))
                } catch {
                    done.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// Runs the configured checks, blocking the calling thread (call it from a plain thread, not
    /// a task). `progress` receives one line per finished pair (for stderr).
    public static func run(
        _ config: VerifyConfiguration,
        progress: @Sendable (String) -> Void = { _ in }
    ) throws(VerifyConfigurationError) -> VerifyReport {
        guard !config.implementations.isEmpty else { throw .noImplementations }
        guard config.budgetSeconds > 0, config.budgetSeconds.isFinite else { throw .badBudget(config.budgetSeconds) }
        var selected = checks
        if let names = config.checks {
            selected = []
            for n in names {
                guard let c = checks.first(where: { $0.name == n }) else { throw .unknownCheck(n) }
                selected.append(c)
            }
        }

        let start = monotonicNanoseconds()
        let end = start + UInt64(config.budgetSeconds * 1e9)
        var plan: [(ChannelDescriptor, VerifyCheck)] = []
        var results: [CheckResult] = []
        for d in config.implementations {
            for c in selected {
                if let reason = c.applicability(d) {
                    results.append(CheckResult(implementation: d.name, check: c.name, status: .skipped,
                                               iterations: 0, seconds: 0, seed: config.seed,
                                               message: reason, counterexample: ""))
                } else {
                    plan.append((d, c))
                }
            }
        }
        var remainingWeight = plan.reduce(0) { $0 + $1.1.weight }
        for (index, (d, c)) in plan.enumerated() {
            let now = monotonicNanoseconds()
            let left = end > now ? Double(end - now) : 0
            let slice = left * c.weight / max(remainingWeight, 1e-9)
            remainingWeight -= c.weight
            // The budget is a hard limit: once it is spent no pair starts (unless the caller
            // asked for a fixed number of iterations), and says so instead of passing.
            if left == 0 && config.minimumIterations == 0 {
                results.append(CheckResult(implementation: d.name, check: c.name, status: .skipped,
                                           iterations: 0, seconds: 0, seed: config.seed,
                                           message: "not run: the \(DecimalText.fixed(config.budgetSeconds, 0)) s budget was spent", counterexample: ""))
                progress("[\(index + 1)/\(plan.count)] \(d.name) \(c.name): not run (budget spent)")
                continue
            }
            let r = runPair(d, c, config: config, sliceNs: UInt64(slice), end: MonotonicDeadline(nanoseconds: end))
            results.append(r)
            progress("[\(index + 1)/\(plan.count)] \(d.name) \(c.name): \(r.status.rawValue) (\(r.iterations) iterations, \(r.operations) operations, \(DecimalText.fixed(r.seconds, 2)) s)\(r.status == .failed ? " — " + r.message : "")")
            if config.failFast && r.status == .failed { break }
        }
        let order = Dictionary(uniqueKeysWithValues: config.implementations.enumerated().map { ($1.name, $0) })
        let checkOrder = Dictionary(uniqueKeysWithValues: selected.enumerated().map { ($1.name, $0) })
        results.sort { (order[$0.implementation] ?? 0, checkOrder[$0.check] ?? 0) < (order[$1.implementation] ?? 0, checkOrder[$1.check] ?? 0) }
        return VerifyReport(results: results, seed: config.seed,
                            seconds: Double(monotonicNanoseconds() - start) / 1e9)
    }

    /// The seed of iteration `i` under master seed `seed` (iteration 0 uses it unchanged).
    /// The low byte of an iteration seed picks the check's configuration (capacity, thread
    /// counts — see ``IterationContext/variant``), so consecutive iterations cycle through all
    /// of them and a reported seed replays the same configuration.
    static func iterationSeed(_ seed: UInt64, _ i: Int) -> UInt64 {
        if i == 0 { return seed }
        let low = (seed & 0xFF) &+ UInt64(i)
        return (SeededGenerator.derive(seed, "iteration", i) & ~0xFF) | (low & 0xFF)
    }

    /// Runs one iteration on its own thread so that a channel call the check makes directly
    /// (not through a watched worker) cannot hang the whole run: once the iteration has noted
    /// no step and no watched worker has progressed for `quiet`, it is abandoned and reported
    /// with the steps it got through. Progress, not total time, decides: a slow iteration on
    /// a busy machine is not a hang.
    private static func guardedIteration(_ c: VerifyCheck, _ ctx: IterationContext, quiet: Duration) -> IterationResult {
        let box = ResultBox<IterationResult>()
        let done = DispatchSemaphore(value: 0)
        ThreadDriver.start {
            let r = c.iterate(ctx)
            box.value.withLock { $0 = r }
            done.signal()
        }
        let quietNs = UInt64(quiet.components.seconds) * 1_000_000_000
        func progress() -> (Int, UInt64) { (ctx.trace.stepCount, WorkerGroup.heartbeat.load(ordering: .relaxed)) }
        var steps = progress()
        var lastStep = monotonicNanoseconds()
        while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            let now = monotonicNanoseconds()
            let s = progress()
            if s != steps {
                steps = s
                lastStep = now
            } else if now - lastStep >= quietNs {
                return .failed(message: "hang: the iteration made no progress for \(quiet)",
                               counterexample: "steps completed (the next one never returned):\n" + ctx.trace.text)
            }
        }
        return box.value.withLock { $0! }
    }

    /// Runs one pair's iterations until its slice is spent, but at least the check's own
    /// minimum (every configuration once) while the whole run's `end` allows, and at least
    /// `config.minimumIterations` regardless (an explicit request for a fixed amount of work).
    private static func runPair(_ d: ChannelDescriptor, _ c: VerifyCheck, config: VerifyConfiguration, sliceNs: UInt64,
                                end: MonotonicDeadline) -> CheckResult {
        let start = monotonicNanoseconds()
        let operationsBefore = OperationCount.current
        let deadline = MonotonicDeadline(nanoseconds: start + sliceNs)
        let minimum = c.minimumIterations(d)
        // Generous: a watchdog only turns a hang into a failure, and costs time only then.
        // A busy machine can starve a worker for seconds without anything being wrong.
        let stall: Duration = config.quick ? .seconds(15) : .seconds(30)
        var i = 0
        // Iterations cover the check's configurations in turn (see `iterationSeed`).
        while i == 0 || i < config.minimumIterations || (i < minimum && !end.hasPassed) || (!deadline.hasPassed && i < 1_000_000) {
            let seed = iterationSeed(config.seed, i)
            let ctx = IterationContext(descriptor: d, iteration: i, seed: seed, quick: config.quick,
                                       stall: stall, deadline: deadline)
            if case .failed(let message, let example) = guardedIteration(c, ctx, quiet: stall * 4) {
                return CheckResult(implementation: d.name, check: c.name, status: .failed,
                                   iterations: i + 1, seconds: Double(monotonicNanoseconds() - start) / 1e9,
                                   seed: seed, message: message, counterexample: example,
                                   operations: OperationCount.current - operationsBefore)
            }
            i += 1
        }
        return CheckResult(implementation: d.name, check: c.name, status: .passed, iterations: i,
                           seconds: Double(monotonicNanoseconds() - start) / 1e9, seed: config.seed,
                           message: "", counterexample: "", operations: OperationCount.current - operationsBefore)
    }
}
