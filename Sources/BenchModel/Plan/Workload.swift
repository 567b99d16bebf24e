/// The traffic shapes, modelled on crossbeam-channel's benchmark suite.
public enum Workload: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// One thread sends every message, then receives them all. Only runs where the capacity
    /// holds every message (otherwise the single thread would block on itself).
    case seq
    /// One producer, one consumer.
    case spsc
    /// `producers` producers, one consumer.
    case mpsc
    /// `producers` producers, `consumers` consumers.
    case mpmc
    /// One message bounces between two threads over two channels; latency is the round trip.
    case pingpong
    /// One thread sends each message with `trySend` and takes it back with `tryReceive` before
    /// sending the next: the flavors' non-blocking paths, uncontended, with no waiting at all,
    /// so its instruction count per message is deterministic (`make bench-instructions`).
    /// Needs a capacity of at least 1 (a rendezvous channel has no waiting receiver to take it).
    case tryPingpong = "try-pingpong"

    public var description: String { rawValue }

    /// One line for `chanbench list`.
    public var summary: String {
        switch self {
        case .seq: return "one thread sends all, then receives all (capacity must hold every message)"
        case .spsc: return "1 producer -> 1 consumer"
        case .mpsc: return "P producers -> 1 consumer"
        case .mpmc: return "P producers -> C consumers"
        case .pingpong: return "round trip over two channels between two workers; latency = round trip"
        case .tryPingpong: return "one thread: trySend one message, tryReceive it, repeat (capacity >= 1)"
        }
    }

    /// The producer/consumer counts this shape really uses, given the requested ones: seq,
    /// spsc, pingpong and try-pingpong are always 1×1, mpsc has one consumer; mpmc takes both as given.
    public func shape(producers: Int, consumers: Int) -> (producers: Int, consumers: Int) {
        switch self {
        case .seq, .spsc, .pingpong, .tryPingpong: return (1, 1)
        case .mpsc: return (producers, 1)
        case .mpmc: return (producers, consumers)
        }
    }
}
