/// Thrown by a blocking or suspending `send` once the channel is closed. The message was not
/// delivered (and is released).
public struct ChannelClosedError: Error, Equatable, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "send on a closed channel" }
}

/// Outcome of a non-blocking `trySend`.
public enum TrySendResult: Equatable, Sendable {
    /// The message is in the channel (or, at capacity 0, was taken by a waiting receiver).
    case sent
    /// The channel is full (at capacity 0: no receiver is waiting); nothing was sent.
    case full
    /// The channel is closed; nothing was sent.
    case closed
}

/// Outcome of a non-blocking `tryReceive`.
public enum TryReceiveResult<Element> {
    case value(Element)
    /// Nothing is buffered (and, at capacity 0, no sender is waiting) but the channel is open.
    case empty
    /// The channel is closed and drained: no message will ever arrive.
    case closed

    /// The received value, if any.
    public var value: Element? {
        if case .value(let v) = self { return v }
        return nil
    }
}

extension TryReceiveResult: Sendable where Element: Sendable {}
extension TryReceiveResult: Equatable where Element: Equatable {}

/// Outcome of a `send(_:timeout:)`.
public enum SendTimeoutResult: Equatable, Sendable {
    case sent
    /// The deadline passed before room appeared; nothing was sent.
    case timedOut
    case closed
}

/// Outcome of a `receive(timeout:)`.
public enum ReceiveTimeoutResult<Element> {
    case value(Element)
    /// The deadline passed with nothing to receive.
    case timedOut
    /// The channel is closed and drained.
    case closed

    public var value: Element? {
        if case .value(let v) = self { return v }
        return nil
    }
}

extension ReceiveTimeoutResult: Sendable where Element: Sendable {}
extension ReceiveTimeoutResult: Equatable where Element: Equatable {}
