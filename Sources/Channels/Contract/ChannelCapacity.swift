/// How many messages a channel may buffer.
///
/// - `.bounded(0)` is a *rendezvous* channel: a send completes only when a receiver takes the
///   message, like Go's unbuffered `chan` and crossbeam's `bounded(0)`.
/// - `.bounded(n)` with `n > 0` buffers at most `n` messages; a send on a full channel blocks
///   (or suspends) until a receiver makes room — this is backpressure.
/// - `.unbounded` never blocks a sender; memory grows with the backlog.
public enum ChannelCapacity: Hashable, Sendable, CustomStringConvertible {
    case bounded(Int)
    case unbounded

    /// The buffer limit, or `nil` for an unbounded channel.
    public var limit: Int? {
        switch self {
        case .bounded(let n): return n
        case .unbounded: return nil
        }
    }

    /// `true` for `.bounded(0)`.
    public var isRendezvous: Bool { self == .bounded(0) }

    /// `"unbounded"` or the number, as the CSV files spell it.
    public var description: String {
        switch self {
        case .bounded(let n): return String(n)
        case .unbounded: return "unbounded"
        }
    }

    /// Parses `"unbounded"` or a non-negative integer; `nil` for anything else (including
    /// negative numbers), so callers can report bad input instead of trapping.
    public init?(parsing text: String) {
        let trimmed = text.filter { $0 != " " && $0 != "\t" }.lowercased()
        if trimmed == "unbounded" || trimmed == "inf" {
            self = .unbounded
        } else if let n = Int(trimmed), n >= 0 {
            self = .bounded(n)
        } else {
            return nil
        }
    }
}
