import Channels

/// One cell of the run matrix: everything that defines a measurement except the repetition.
public struct RunConfiguration: Sendable, CustomStringConvertible {
    public let implementation: ChannelDescriptor
    public let workload: Workload
    public let producers: Int
    public let consumers: Int
    public let capacity: ChannelCapacity
    public let messageBytes: Int
    /// Total messages (pingpong: round trips).
    public let messages: Int
    /// Open-loop rate in messages per second over all producers, or `nil` for closed loop.
    public let rate: Int?
    /// Whether messages carry send times (see ``MeasurementMode``). `latency` by default: what
    /// a configuration measured before the modes existed.
    public let mode: MeasurementMode

    public init(implementation: ChannelDescriptor, workload: Workload, producers: Int, consumers: Int,
                capacity: ChannelCapacity, messageBytes: Int, messages: Int, rate: Int? = nil,
                mode: MeasurementMode = .latency) {
        self.implementation = implementation
        self.workload = workload
        self.producers = producers
        self.consumers = consumers
        self.capacity = capacity
        self.messageBytes = messageBytes
        self.messages = messages
        self.rate = rate
        self.mode = mode
    }

    /// `threads` for blocking implementations, `tasks` for async ones (the CSV `driver` column).
    public var driver: String { implementation.kind == .blocking ? "threads" : "tasks" }

    /// The same configuration with another message total (used for the shorter warmup runs).
    public func withMessages(_ n: Int) -> RunConfiguration {
        RunConfiguration(implementation: implementation, workload: workload, producers: producers, consumers: consumers,
                         capacity: capacity, messageBytes: messageBytes, messages: n, rate: rate, mode: mode)
    }

    /// A quarter of the messages, rounded down to a multiple of the producer count (at least
    /// one per producer): enough to start threads, warm caches and the allocator, at a quarter
    /// of the cost of a measured run.
    public var warmupConfiguration: RunConfiguration {
        withMessages(max(producers, messages / 4 / producers * producers))
    }

    /// Messages each producer sends.
    public var messagesPerProducer: Int { messages / producers }

    /// The progress-line form: `ring mpmc p=4 c=4 cap=1024 size=64 throughput`.
    public var description: String {
        var s = "\(implementation.name) \(workload) p=\(producers) c=\(consumers) cap=\(capacity) size=\(messageBytes)"
        if let rate { s += " rate=\(rate)/s" }
        return s + " \(mode)"
    }

    /// Why this configuration cannot run on its implementation, or `nil`.
    public var unsupportedReason: String? {
        if let r = implementation.unsupportedReason(capacity: capacity, producers: producers, consumers: consumers) {
            return r
        }
        if workload == .seq, let limit = capacity.limit, limit < messages {
            return "seq needs a capacity that holds all \(messages) messages (capacity \(capacity))"
        }
        if workload == .tryPingpong, !implementation.supportsTryAndTimeout {
            return "try-pingpong needs trySend/tryReceive, which \(implementation.name) does not offer"
        }
        if workload.usesSelect, !implementation.selectable(at: capacity) {
            return "\(workload) selects over several channels, and \(implementation.name) cannot take part in a select"
                + (implementation.selectable ? " at capacity \(capacity)" : "")
        }
        if workload == .tryPingpong, capacity.limit == 0 {
            return "try-pingpong needs a capacity of at least 1 (at capacity 0 trySend finds no waiting receiver)"
        }
        return nil
    }
}
