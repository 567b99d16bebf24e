import Dispatch

/// How a matrix is run.
public struct RunOptions: Sendable {
    /// Measured repetitions per configuration (one CSV row each).
    public var repetitions: Int
    /// Unrecorded runs per configuration before the measured ones, each with a quarter of the
    /// messages (still checked: a failure in warmup is reported as a row with repetition 0).
    public var warmup: Int
    /// Watchdog: a run whose traffic takes longer is stopped and reported failed.
    public var runTimeoutSeconds: Double
    /// Latency sampling for closed-loop streams: every k-th message of each producer carries
    /// a send timestamp (1 = every message). Clock reads cost 50-90 ns on this VM; stamping
    /// every message would make the harness floor mostly clock. Pingpong and `--rate` runs
    /// always time every message.
    public var latencySampleEvery: Int
    /// Built-in flavors run through their concrete types so their code specializes for the
    /// message type (what a user who names `RingChannel<T>` gets). `false` runs them through
    /// the registry's `any BlockingChannel`/`any SuspendingChannel` path instead — the path
    /// every user-registered channel takes — to measure what that indirection costs.
    public var specializeBuiltIns: Bool
    /// Sizes measured repetitions to a duration range (see ``RepetitionSizing``);
    /// calibrated by the warmup run, so it needs `warmup >= 1`.
    public var sizing: RepetitionSizing
    /// Message counts to measure, by configuration, overriding `sizing` (what `--sizes-from`
    /// reads from an earlier CSV): forks of one run, and the two sides of a comparison, then
    /// measure exactly the same work instead of each sizing itself from a noisy warmup.
    public var fixedMessages: [BenchConfigurationKey: Int]
    /// Which process of a forked run this is (the CSV `fork` column); 1 when unforked.
    public var fork: Int

    public init(repetitions: Int = 3, warmup: Int = 1, runTimeoutSeconds: Double = 60, latencySampleEvery: Int = 8,
                specializeBuiltIns: Bool = true, sizing: RepetitionSizing = .off,
                fixedMessages: [BenchConfigurationKey: Int] = [:], fork: Int = 1) {
        self.fixedMessages = fixedMessages
        self.fork = fork
        self.repetitions = repetitions
        self.warmup = warmup
        self.runTimeoutSeconds = runTimeoutSeconds
        self.latencySampleEvery = latencySampleEvery
        self.specializeBuiltIns = specializeBuiltIns
        self.sizing = sizing
    }

    /// Throws for repetitions < 1, warmup < 0, a timeout that is not positive, a negative or
    /// non-finite repetition time, a maximum below the minimum, or sizing without a warmup run.
    public func validate() throws(BenchInputError) {
        if repetitions < 1 { throw .notPositive(option: "repetitions", value: repetitions) }
        if warmup < 0 { throw .badInteger(option: "warmup", value: String(warmup)) }
        if !(runTimeoutSeconds > 0) || !runTimeoutSeconds.isFinite {
            throw .notPositiveSeconds(option: "run-timeout", value: runTimeoutSeconds)
        }
        if latencySampleEvery < 1 { throw .notPositive(option: "latency-sample", value: latencySampleEvery) }
        for (option, value) in [("min-time", sizing.minimumSeconds), ("max-time", sizing.maximumSeconds)]
        where !(value >= 0) || !value.isFinite {
            throw .badRepetitionTime(option: option, value: String(value))
        }
        if sizing.maximumSeconds > 0 && sizing.maximumSeconds < sizing.minimumSeconds {
            throw .repetitionTimesInverted(minimum: sizing.minimumSeconds, maximum: sizing.maximumSeconds)
        }
        if sizing.isEnabled && warmup == 0 { throw .minimumTimeNeedsWarmup }
        if fork < 1 { throw .notPositive(option: "fork-index", value: fork) }
    }
}

extension RunOptions {
    /// `configuration` with the message count `fixedMessages` names for it, or `nil` when it
    /// names none (or one this configuration cannot run: not a multiple of the producers, or
    /// too many for a bounded `seq`), in which case the sizing rule applies.
    func fixedConfiguration(for configuration: RunConfiguration) -> RunConfiguration? {
        guard let n = fixedMessages[BenchConfigurationKey(configuration)], n >= configuration.producers,
              n % configuration.producers == 0 else { return nil }
        let fixed = configuration.withMessages(n)
        return fixed.unsupportedReason == nil ? fixed : nil
    }
}

/// The public entry point for a benchmark run — what `chanbench run` calls, and what a user's
/// own package calls after `ChannelRegistry.register(...)` of its channel:
///
///     ChannelRegistry.register(myDescriptor)
///     let matrix = try RunMatrix([RunParameters(implementations: ["mine", "condvar"])])
///     let results = BenchmarkRunner(options: RunOptions()).run(matrix) { print($0) }
///
/// Every repetition is checked by the oracle; a result carries metrics only when it passed.
/// Runs execute one after another in this process (never concurrently: they would disturb each
/// other's figures). Blocking implementations run on threads, async ones on tasks.
public struct BenchmarkRunner: Sendable {
    public let options: RunOptions
    public let progress: ProgressReporter?

    public init(options: RunOptions, progress: ProgressReporter? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Runs every configuration of `matrix`, calling `onResult` as each measured repetition
    /// (or failed warmup) completes — so a caller can write and flush it at once.
    @discardableResult
    public func run(_ matrix: RunMatrix, onResult: (RunResult) throws -> Void = { _ in }) rethrows -> [RunResult] {
        var results: [RunResult] = []
        let total = matrix.configurations.count * (options.warmup + options.repetitions)
        var step = 0
        for c in matrix.configurations {
            var warmupHung = false
            var lastWarmup: RunResult?
            for w in 0..<options.warmup where !warmupHung {
                step += 1
                progress?.runStarted(step: step, of: total, configuration: c, label: "warmup \(w + 1)/\(options.warmup)")
                let r = runOnce(c.warmupConfiguration, repetition: 0)
                if r.verified {
                    lastWarmup = r
                } else {
                    progress?.runFailed(r)
                    results.append(r)
                    try onResult(r)
                    // A configuration that hangs would hang again: report its repetitions as
                    // failed without spending a timeout on each.
                    warmupHung = r.failure?.hasPrefix("progress: run timed out") == true
                }
            }
            let measured = options.fixedConfiguration(for: c)
                ?? options.sizing.measuredConfiguration(for: c, warmup: lastWarmup)
            let sized = measured.messages == c.messages ? ""
                : " (\(measured.messages) msgs, \(RepetitionSizing.describe(measured: measured.messages, configured: c.messages)) by --min-time/--max-time)"
            for rep in 1...options.repetitions {
                step += 1
                progress?.runStarted(step: step, of: total, configuration: c, label: "rep \(rep)/\(options.repetitions)\(sized)")
                let r = warmupHung
                    ? RunResult(configuration: measured, repetition: rep, failure: "progress: not run, the warmup run timed out",
                                lostMessages: 0, metrics: nil)
                    : runOnce(measured, repetition: rep)
                if !r.verified { progress?.runFailed(r) }
                results.append(r)
                try onResult(r)
            }
        }
        return results
    }

    /// Runs one repetition of `configuration` and checks it.
    public func runOnce(_ configuration: RunConfiguration, repetition: Int) -> RunResult {
        // The engine's watchdog covers the traffic only. Building the channel, starting the
        // workers and tearing down come before and after it, and nothing can stop a thread
        // stuck there: armed first, this one ends the process the way an interrupt does
        // (rows kept, trailer `interrupted`) once the whole run is far past its timeout.
        let limit = options.runTimeoutSeconds * 2 + 5
        let progress = self.progress
        let stuck = DispatchWorkItem {
            progress?.note("error: \(configuration) did not finish within \(limit) s (--run-timeout \(options.runTimeoutSeconds) "
                + "covers its traffic; it is stuck outside it); stopping")
            Interrupts.stop(signal: 0, status: RunSession.exitCheckFailed)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: stuck)
        defer { stuck.cancel() }
        let output = PayloadDispatch.execute(configuration, settings: EngineSettings(timeout: options.runTimeoutSeconds,
                                                                                      latencySampleEvery: options.latencySampleEvery,
                                                                                      specializeBuiltIns: options.specializeBuiltIns))
        return RunResult(configuration: configuration, repetition: repetition, output: output)
    }
}
