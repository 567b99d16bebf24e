/// A channel whose operations suspend the calling *task* instead of blocking a thread.
///
/// Same meaning as ``BlockingChannel``: `send` suspends while full and throws
/// `ChannelClosedError` once closed; `receive` returns `nil` only once closed and drained;
/// `close()` is idempotent and resumes every suspended sender and receiver; delivered and
/// refused messages are not kept alive by the channel.
///
/// Cancellation: when the task waiting in `send` or `receive` is cancelled, an implementation
/// whose descriptor declares ``ChannelDescriptor/Cancellation/stopsWaiting`` stops waiting
/// (send throws `CancellationError`, receive returns `nil`) without losing or duplicating any
/// element and without stalling other waiters. Others promise nothing on cancellation.
public protocol SuspendingChannel<Element>: AnyObject, Sendable {
    associatedtype Element: Sendable

    var capacity: ChannelCapacity { get }
    /// Messages currently buffered (a snapshot).
    var count: Int { get }
    var isClosed: Bool { get }

    /// Suspends while the channel is full. Throws `ChannelClosedError` once closed, or
    /// `CancellationError` if the waiting task is cancelled (cancellable implementations).
    func send(_ element: Element) async throws
    func receive() async -> Element?
    func close()

    /// Elements dropped by design so far, for a lossy channel whose descriptor declares
    /// ``ChannelDescriptor/DropAccounting/counted``; `nil` (the default) for every other.
    var droppedCount: Int? { get }
}

// A default, as for ``BlockingChannel/droppedCount``: only counting lossy channels implement it.
extension SuspendingChannel {
    public var droppedCount: Int? { nil }
}

/// The non-blocking and deadline operations. Thin adapters over ecosystem types that cannot
/// offer them (an `AsyncStream` iterator cannot be polled) do not conform, and the registry's
/// `tryAndTimeout` says so.
public protocol TimedSuspendingChannel<Element>: SuspendingChannel {
    func trySend(_ element: Element) -> TrySendResult
    func tryReceive() -> TryReceiveResult<Element>
    func send(_ element: Element, timeout: Duration) async -> SendTimeoutResult
    func receive(timeout: Duration) async -> ReceiveTimeoutResult<Element>
}
