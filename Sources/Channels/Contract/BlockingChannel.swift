/// A channel whose operations block the calling *thread*.
///
/// The contract every conforming type keeps (and the semantics suite checks):
/// - `send` blocks while a bounded channel is full (at capacity 0, until a receiver takes the
///   message) and throws `ChannelClosedError` once the channel is closed.
/// - `receive` blocks while the channel is empty and returns `nil` only once the channel is
///   closed **and drained**: closing never loses buffered messages.
/// - `close()` is idempotent and wakes every blocked sender and receiver.
/// - `count` never exceeds `capacity.limit`.
/// - Messages from one sender are received in the order they were sent (per-producer FIFO).
/// - Multi-producer, multi-consumer unless the registry says otherwise.
/// - Dropping the channel releases every undelivered message. The channel keeps no reference
///   to a message it delivered (a receive clears its slot) or refused (full, timed out,
///   closed): those belong to the caller alone, even while the channel lives on.
///
/// Never call these from an async context that must not block its executor thread; use a
/// ``SuspendingChannel`` there.
public protocol BlockingChannel<Element>: AnyObject, Sendable {
    associatedtype Element: Sendable

    /// The capacity the channel was created with.
    var capacity: ChannelCapacity { get }
    /// Messages currently buffered (a snapshot; at capacity 0 always 0).
    var count: Int { get }
    /// `true` once `close()` has been called.
    var isClosed: Bool { get }

    func send(_ element: Element) throws(ChannelClosedError)
    func trySend(_ element: Element) -> TrySendResult
    /// Waits at most `timeout` for room; returns no earlier than the deadline when it times out.
    func send(_ element: Element, timeout: Duration) -> SendTimeoutResult

    func receive() -> Element?
    func tryReceive() -> TryReceiveResult<Element>
    /// Waits at most `timeout` for a message; returns no earlier than the deadline when it
    /// times out.
    func receive(timeout: Duration) -> ReceiveTimeoutResult<Element>

    func close()

    /// Elements dropped by design so far, for a lossy channel whose descriptor declares
    /// ``ChannelDescriptor/DropAccounting/counted``; `nil` (the default) for every other.
    var droppedCount: Int? { get }
}

// A requirement with a default rather than a closure on the descriptor: channels are generic
// over their element, so a closure could reach a concrete channel's count only by a cast.
extension BlockingChannel {
    public var droppedCount: Int? { nil }
}
