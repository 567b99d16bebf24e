import BenchSupport

/// The figures of one verified repetition. Only ever built from a run whose checks passed.
public struct RunMetrics: Sendable {
    /// Wall time of the traffic window (start barrier released → last worker done).
    public var seconds: Double
    public var messagesPerSecond: Double
    /// Nanoseconds per message (pingpong: per round trip).
    public var nanosecondsPerMessage: Double
    public var cpuUserSeconds: Double
    public var cpuSystemSeconds: Double
    public var voluntaryContextSwitches: Int
    public var involuntaryContextSwitches: Int
    /// jemalloc allocation requests during the window ÷ messages; `nil` without jemalloc stats.
    public var allocationsPerMessage: Double?
    /// Highest jemalloc `stats.allocated` sampled during the run (whole process).
    public var peakAllocatedBytes: Int?
    /// Highest resident set size sampled from `/proc/self/statm` during the run (whole process).
    public var peakResidentBytes: Int?
    /// Send→receive latency (pingpong: round trip), or `nil` if nothing was recorded.
    public var latency: LatencySummary?

    public init(seconds: Double, messagesPerSecond: Double, nanosecondsPerMessage: Double,
                 cpuUserSeconds: Double, cpuSystemSeconds: Double, voluntaryContextSwitches: Int,
                 involuntaryContextSwitches: Int, allocationsPerMessage: Double?, peakAllocatedBytes: Int?,
                 peakResidentBytes: Int?, latency: LatencySummary?) {
        self.seconds = seconds
        self.messagesPerSecond = messagesPerSecond
        self.nanosecondsPerMessage = nanosecondsPerMessage
        self.cpuUserSeconds = cpuUserSeconds
        self.cpuSystemSeconds = cpuSystemSeconds
        self.voluntaryContextSwitches = voluntaryContextSwitches
        self.involuntaryContextSwitches = involuntaryContextSwitches
        self.allocationsPerMessage = allocationsPerMessage
        self.peakAllocatedBytes = peakAllocatedBytes
        self.peakResidentBytes = peakResidentBytes
        self.latency = latency
    }
}

/// One repetition's outcome: either verified with metrics, or failed with the named invariant
/// and *no* metrics (a failed run's figures are never presented as valid numbers).
public struct RunResult: Sendable {
    public let configuration: RunConfiguration
    /// 1-based measured repetition; 0 marks a warmup run that failed its checks (reported so a
    /// failure is never hidden, even in warmup).
    public let repetition: Int
    /// `nil` when every check passed.
    public let failure: String?
    /// Messages dropped by a lossy implementation (by design); 0 otherwise.
    public let lostMessages: Int
    /// Present exactly when `verified`.
    public let metrics: RunMetrics?

    public var verified: Bool { failure == nil }

    public init(configuration: RunConfiguration, repetition: Int, failure: String?, lostMessages: Int, metrics: RunMetrics?) {
        self.configuration = configuration
        self.repetition = repetition
        self.failure = failure
        self.lostMessages = lostMessages
        self.metrics = failure == nil ? metrics : nil
    }
}
