import Channels

/// One memory-growth run: fast producers, a consumer slowed to a fixed pace, then a full drain.
///
/// With a bounded channel the producers are held back by backpressure and memory stays flat;
/// with an unbounded one the backlog (and memory) grows until the producers finish, then
/// shrinks as the consumer drains it.
package struct MemoryScenario: Sendable, Equatable, Codable {
    package var implementation: String
    package var capacity: ChannelCapacity
    package var producers: Int
    /// Total messages over all producers.
    package var messages: Int
    package var messageBytes: Int
    /// The consumer takes at most one message per this many nanoseconds (clock-paced, so the
    /// rate holds even though a 1 µs sleep lasts ~50 µs on Linux).
    package var consumerDelayNanoseconds: UInt64
    /// Sampling interval.
    package var intervalMilliseconds: Int

    package init(implementation: String, capacity: ChannelCapacity, producers: Int, messages: Int,
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
package struct MemorySample: Sendable, Equatable {
    package var tMilliseconds: Double
    package var reading: MemoryReading
    package var queued: Int
    package var sent: Int
    package var received: Int

    package init(tMilliseconds: Double, reading: MemoryReading, queued: Int, sent: Int, received: Int) {
        self.tMilliseconds = tMilliseconds
        self.reading = reading
        self.queued = queued
        self.sent = sent
        self.received = received
    }
}

/// What one run amounted to; one row of `results/memory-summary.csv`.
package struct MemoryRunSummary: Sendable, Equatable, Codable {
    package var scenario: MemoryScenario
    package var family: String
    /// jemalloc `stats.allocated` after the channel was made, before any traffic.
    package var baselineBytes: Int
    package var peakBytes: Int
    package var peakQueued: Int
    /// Allocated bytes once everything was received, relative to the baseline (does the
    /// channel give its buffer memory back?).
    package var afterDrainBytes: Int
    package var producerSeconds: Double
    package var consumerSeconds: Double
    package var delivered: Int
    package var file: String

    package var growthBytes: Int { max(0, peakBytes - baselineBytes) }

    /// Growth divided by the largest backlog seen: the per-message footprint of the buffer.
    package var bytesPerQueuedMessage: Double {
        peakQueued > 0 ? Double(growthBytes) / Double(peakQueued) : 0
    }

    package init(scenario: MemoryScenario, family: String, baselineBytes: Int, peakBytes: Int, peakQueued: Int, afterDrainBytes: Int, producerSeconds: Double, consumerSeconds: Double, delivered: Int, file: String) {
        self.scenario = scenario
        self.family = family
        self.baselineBytes = baselineBytes
        self.peakBytes = peakBytes
        self.peakQueued = peakQueued
        self.afterDrainBytes = afterDrainBytes
        self.producerSeconds = producerSeconds
        self.consumerSeconds = consumerSeconds
        self.delivered = delivered
        self.file = file
    }
}


/// Point-in-time memory readings for the memory-growth scenario.
///
/// `allocatedBytes` and `residentBytes` come from jemalloc (the process allocator, see
/// ``JemallocStats``); `rssBytes` is the kernel's view from `/proc/self/statm`, which also shows
/// whether freed memory goes back to the OS. jemalloc figures are 0 where its statistics are
/// unavailable (under ThreadSanitizer).
package struct MemoryReading: Sendable, Equatable {
    package var allocatedBytes: Int
    package var residentBytes: Int
    package var rssBytes: Int

    package init(allocatedBytes: Int, residentBytes: Int, rssBytes: Int) {
        self.allocatedBytes = allocatedBytes
        self.residentBytes = residentBytes
        self.rssBytes = rssBytes
    }
}
