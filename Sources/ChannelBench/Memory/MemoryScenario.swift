/// One memory-growth run: fast producers, a consumer slowed to a fixed pace, then a full drain.
///
/// With a bounded channel the producers are held back by backpressure and memory stays flat;
/// with an unbounded one the backlog (and memory) grows until the producers finish, then
/// shrinks as the consumer drains it.
public struct MemoryScenario: Sendable, Equatable {
    public var implementation: String
    public var capacity: ChannelCapacity
    public var producers: Int
    /// Total messages over all producers.
    public var messages: Int
    public var messageBytes: Int
    /// The consumer takes at most one message per this many nanoseconds (clock-paced, so the
    /// rate holds even though a 1 µs sleep lasts ~50 µs on Linux).
    public var consumerDelayNanoseconds: UInt64
    /// Sampling interval.
    public var intervalMilliseconds: Int

    public init(implementation: String, capacity: ChannelCapacity, producers: Int, messages: Int,
                messageBytes: Int, consumerDelayNanoseconds: UInt64, intervalMilliseconds: Int) {
        self.implementation = implementation
        self.capacity = capacity
        self.producers = producers
        self.messages = messages
        self.messageBytes = messageBytes
        self.consumerDelayNanoseconds = consumerDelayNanoseconds
        self.intervalMilliseconds = intervalMilliseconds
    }
}

/// One row of a memory CSV.
public struct MemorySample: Sendable, Equatable {
    public var tMilliseconds: Double
    public var reading: MemoryReading
    public var queued: Int
    public var sent: Int
    public var received: Int
}

/// What one run amounted to; one row of `results/memory-summary.csv`.
public struct MemoryRunSummary: Sendable, Equatable {
    public var scenario: MemoryScenario
    public var family: String
    /// jemalloc `stats.allocated` after the channel was made, before any traffic.
    public var baselineBytes: Int
    public var peakBytes: Int
    public var peakQueued: Int
    /// Allocated bytes once everything was received, relative to the baseline (does the
    /// channel give its buffer memory back?).
    public var afterDrainBytes: Int
    public var producerSeconds: Double
    public var consumerSeconds: Double
    public var delivered: Int
    public var file: String

    public var growthBytes: Int { max(0, peakBytes - baselineBytes) }

    /// Growth divided by the largest backlog seen: the per-message footprint of the buffer.
    public var bytesPerQueuedMessage: Double {
        peakQueued > 0 ? Double(growthBytes) / Double(peakQueued) : 0
    }
}
