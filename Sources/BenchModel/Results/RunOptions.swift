/// How a matrix is run.
public struct RunOptions: Sendable, Equatable, Codable {
    /// Measured repetitions per configuration (one CSV row each).
    public var repetitions: Int
    /// Unrecorded runs per configuration before the measured ones, each with a quarter of the
    /// messages (still checked: a failure in warmup is reported as a row with repetition 0).
    public var warmup: Int
    /// Watchdog: a run whose traffic takes longer is stopped and reported failed.
    public var runTimeoutSeconds: Double
    /// Latency sampling for closed-loop streams: every k-th message of each producer carries
    /// a send timestamp (1 = every message). Stamping every message would make the harness
    /// floor mostly clock reads. Pingpong and `--rate` runs
    /// always time every message.
    public var latencySampleEvery: Int
    /// Built-in flavors run through their concrete types so their code specializes for the
    /// message type (what a user who names `RingChannel<T>` gets). `false` runs them through
    /// the registry's `any BlockingChannel`/`any SuspendingChannel` path instead — the path
    /// every user-registered channel takes — to measure what that indirection costs.
    public var specializeBuiltIns: Bool
    /// Sizes measured repetitions to a duration range (see ``RepetitionSizing``);
    /// calibrated by the warmup run, so it needs `warmup >= 1`.
    package var sizing: RepetitionSizing
    /// Message counts to measure, by configuration, overriding `sizing` (what `--sizes-from`
    /// reads from an earlier CSV): forks of one run, and the two sides of a comparison, then
    /// measure exactly the same work instead of each sizing itself from a noisy warmup.
    package var fixedMessages: [BenchConfigurationKey: Int]
    /// Which process of a forked run this is (the CSV `fork` column); 1 when unforked.
    public var fork: Int
    /// Pin each worker thread to one CPU, round-robin over the CPUs the process may use
    /// (`--pin`; threads only: tasks run on the runtime's pool).
    package var pin = false

    public init(repetitions: Int = 3, warmup: Int = 1, runTimeoutSeconds: Double = 60, latencySampleEvery: Int = 8,
                specializeBuiltIns: Bool = true) {
        self.init(repetitions: repetitions, warmup: warmup, runTimeoutSeconds: runTimeoutSeconds,
                  latencySampleEvery: latencySampleEvery, specializeBuiltIns: specializeBuiltIns, sizing: .off)
    }

    /// Also sets the sizing rule, fixed message counts (`--sizes-from`) and fork index: the
    /// command line's options, not part of the plug-in API.
    package init(repetitions: Int = 3, warmup: Int = 1, runTimeoutSeconds: Double = 60, latencySampleEvery: Int = 8,
                 specializeBuiltIns: Bool = true, sizing: RepetitionSizing,
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
        if fork < 1 { throw .notPositive(option: "fork", value: fork) }
    }
}

extension RunOptions {
    /// `configuration` with the message count `fixedMessages` names for it, or `nil` when it
    /// names none (or one this configuration cannot run: not a multiple of the producers, or
    /// too many for a bounded `seq`), in which case the sizing rule applies.
    package func fixedConfiguration(for configuration: RunConfiguration) -> RunConfiguration? {
        guard let n = fixedMessages[BenchConfigurationKey(configuration)], n >= configuration.producers,
              n % configuration.producers == 0 else { return nil }
        let fixed = configuration.withMessages(n)
        return fixed.unsupportedReason == nil ? fixed : nil
    }
}
