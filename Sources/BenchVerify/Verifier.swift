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
    /// A bound on the whole run: an iteration starts only if the pair's longest iteration so
    /// far would still end within it, and shrinking a failure stops at it (the only overrun
    /// left is an iteration slower than every earlier one of its pair), except for
    /// `minimumIterations`; a pair left without time is reported as not run.
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
        BlockingLinearizabilityCheck.check,
        TryLinearizableStressCheck.check,
        TimedContentionCheck.check,
        CancellationCheck.check,
        PCTScheduleCheck.check,
        SelectExactlyOnceCheck.check,
        SelectWakeupCheck.check,
        SelectFairnessCheck.check,
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
        // Two passes under one hard limit. First every pair runs its check's minimum (each
        // configuration once) while the budget lasts, in rounds of one iteration per pair, so a
        // slow pair (long-haul on a lock-based channel at every capacity) cannot starve the
        // pairs after it of their first iteration; then the time left is split by weight for
        // more iterations. No iteration starts that would end past the budget, judging by its pair's
        // longest so far (except a caller's explicit minimumIterations), so the budget bounds
        // the whole run; a pair that got none is reported as not run.
        let hardEnd = MonotonicDeadline(nanoseconds: end)
        var runs = plan.map { PairRun(descriptor: $0.0, check: $0.1) }
        var stop = false
        func report(_ i: Int) {
            let r = runs[i].result(seed: config.seed, budget: config.budgetSeconds)
            progress("[\(i + 1)/\(plan.count)] \(r.implementation) \(r.check): \(r.status.rawValue) (\(r.iterations) iterations, \(r.operations) operations, \(DecimalText.fixed(r.seconds, 2)) s)\(r.status == .failed ? " — " + r.message : "")")
        }
        let minimums = runs.map { max(1, $0.check.minimumIterations($0.descriptor)) }
        let rounds = max(config.minimumIterations, minimums.max() ?? 0)
        for round in 0..<rounds where !stop {
            for i in runs.indices where !stop && runs[i].failure == nil {
                if hardEnd.hasPassed && config.minimumIterations == 0 { break }
                guard runs[i].iterations == round, round < max(config.minimumIterations, minimums[i]) else { continue }
                runs[i].run(config: config, deadline: hardEnd) { n, longest in
                    n == round && (n < config.minimumIterations || fits(longest, before: hardEnd))
                }
                if runs[i].failure != nil {
                    report(i)
                    stop = config.failFast
                }
            }
        }
        var remainingWeight = runs.filter { $0.iterations > 0 && $0.failure == nil }.reduce(0) { $0 + $1.check.weight }
        for i in runs.indices where !stop {
            if runs[i].failure != nil { continue }
            if runs[i].iterations > 0 {
                let now = monotonicNanoseconds()
                let left = end > now ? Double(end - now) : 0
                let slice = left * runs[i].check.weight / max(remainingWeight, 1e-9)
                remainingWeight -= runs[i].check.weight
                let deadline = MonotonicDeadline(nanoseconds: now + UInt64(slice))
                runs[i].run(config: config, deadline: hardEnd) { n, longest in
                    !deadline.hasPassed && fits(longest, before: hardEnd) && n < 1_000_000
                }
            }
            report(i)
            stop = config.failFast && runs[i].failure != nil
        }
        results += runs.map { $0.result(seed: config.seed, budget: config.budgetSeconds) }
        let order = Dictionary(uniqueKeysWithValues: config.implementations.enumerated().map { ($1.name, $0) })
        let checkOrder = Dictionary(uniqueKeysWithValues: selected.enumerated().map { ($1.name, $0) })
        results.sort { (order[$0.implementation] ?? 0, checkOrder[$0.check] ?? 0) < (order[$1.implementation] ?? 0, checkOrder[$1.check] ?? 0) }
        return VerifyReport(results: results, seed: config.seed,
                            seconds: Double(monotonicNanoseconds() - start) / 1e9)
    }

    /// Whether an iteration taking `longest` nanoseconds (a pair's longest so far) would end
    /// before `end`.
    static func fits(_ longest: UInt64, before end: MonotonicDeadline) -> Bool {
        monotonicNanoseconds() &+ longest < end.nanoseconds
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

    /// One implementation × check pair: its iterations so far, across both passes.
    private struct PairRun {
        let descriptor: ChannelDescriptor
        let check: VerifyCheck
        var iterations = 0
        var nanoseconds: UInt64 = 0
        /// The longest iteration so far: the next one is expected to take as long.
        var longestIteration: UInt64 = 0
        var operations = 0
        var failure: (seed: UInt64, message: String, counterexample: String)?

        /// Runs iterations while `more(iterations so far, longest iteration's nanoseconds)`
        /// holds, stopping at a failure.
        mutating func run(config: VerifyConfiguration, deadline: MonotonicDeadline, more: (Int, UInt64) -> Bool) {
            let start = monotonicNanoseconds()
            let operationsBefore = OperationCount.current
            defer {
                nanoseconds += monotonicNanoseconds() - start
                operations += OperationCount.current - operationsBefore
            }
            // Generous: a watchdog only turns a hang into a failure, and costs time only then.
            // A busy machine can starve a worker for seconds without anything being wrong.
            let stall: Duration = config.quick ? .seconds(15) : .seconds(30)
            // Iterations cover the check's configurations in turn (see `iterationSeed`).
            while failure == nil && more(iterations, longestIteration) {
                let seed = iterationSeed(config.seed, iterations)
                let ctx = IterationContext(descriptor: descriptor, iteration: iterations, seed: seed, quick: config.quick,
                                           stall: stall, deadline: deadline)
                let iterationStart = monotonicNanoseconds()
                if case .failed(let message, let example) = guardedIteration(check, ctx, quiet: stall * 4) {
                    failure = (seed, message, example)
                }
                longestIteration = max(longestIteration, monotonicNanoseconds() - iterationStart)
                iterations += 1
            }
        }

        func result(seed: UInt64, budget: Double) -> CheckResult {
            if let failure {
                return CheckResult(implementation: descriptor.name, check: check.name, status: .failed, iterations: iterations,
                                   seconds: Double(nanoseconds) / 1e9, seed: failure.seed, message: failure.message,
                                   counterexample: failure.counterexample, operations: operations)
            }
            if iterations == 0 {
                return CheckResult(implementation: descriptor.name, check: check.name, status: .skipped, iterations: 0,
                                   seconds: 0, seed: seed, message: "not run: the \(DecimalText.fixed(budget, 0)) s budget was spent",
                                   counterexample: "")
            }
            return CheckResult(implementation: descriptor.name, check: check.name, status: .passed, iterations: iterations,
                               seconds: Double(nanoseconds) / 1e9, seed: seed, message: "", counterexample: "", operations: operations)
        }
    }
}
