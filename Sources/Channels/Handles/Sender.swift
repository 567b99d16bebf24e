/// The sending half of a blocking channel, in the style of Rust's `mpsc::Sender`.
///
/// Clone it (``clone()``) to give each producer thread its own handle. When the last clone is
/// released the channel is closed, so receivers drain what is buffered and then their
/// iteration ends. All operations block the calling thread; see ``BlockingChannel``.
public final class Sender<Element: Sendable>: Sendable {
    public let channel: any BlockingChannel<Element>
    private let senders: HandleCount
    private let receivers: HandleCount

    init(channel: any BlockingChannel<Element>, senders: HandleCount, receivers: HandleCount) {
        self.channel = channel
        self.senders = senders
        self.receivers = receivers
    }

    /// Another handle to the same channel; the channel stays open while any handle lives.
    public func clone() -> Sender<Element> {
        senders.retain()
        return Sender(channel: channel, senders: senders, receivers: receivers)
    }

    /// Blocks while the channel is full; throws once it is closed.
    // Inlinable: a call through a handle costs the caller one protocol-witness call, no more.
    @inlinable public func send(_ element: Element) throws(ChannelClosedError) { try channel.send(element) }
    @inlinable public func trySend(_ element: Element) -> TrySendResult { channel.trySend(element) }
    @inlinable public func send(_ element: Element, timeout: Duration) -> SendTimeoutResult {
        channel.send(element, timeout: timeout)
    }

    deinit {
        if senders.release() { channel.close() }
    }
}
