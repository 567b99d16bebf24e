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
    /// `producers` producers, each sending on a channel of its own; `consumers` consumers, each
    /// receiving by selecting over all of those channels (crossbeam's `select_rx`). Only
    /// implementations that can take part in a select run it.
    case selectRx = "select_rx"
    /// One channel per producer; every producer sends each message by selecting over all the
    /// channels (to whichever has room), every consumer receives by selecting over all of them
    /// (crossbeam's `select_both`). Per-producer FIFO holds per channel.
    case selectBoth = "select_both"

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
        case .selectRx: return "P producers, a channel each -> C consumers selecting over all P channels"
        case .selectBoth: return "P producers selecting over P channels -> C consumers selecting over them"
        }
    }

    /// The producer/consumer counts this shape really uses, given the requested ones: seq,
    /// spsc, pingpong and try-pingpong are always 1×1, mpsc has one consumer; mpmc and the
    /// select workloads take both as given.
    public func shape(producers: Int, consumers: Int) -> (producers: Int, consumers: Int) {
        switch self {
        case .seq, .spsc, .pingpong, .tryPingpong: return (1, 1)
        case .mpsc: return (producers, 1)
        case .mpmc, .selectRx, .selectBoth: return (producers, consumers)
        }
    }

    /// Waits on several channels at once: runs only on implementations that take part in a select.
    public var usesSelect: Bool { self == .selectRx || self == .selectBoth }
}
