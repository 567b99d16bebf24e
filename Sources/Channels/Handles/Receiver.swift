/// The receiving half of a blocking channel. A `Sequence`: `for message in receiver` blocks for
/// each message and ends once the channel is closed (explicitly, or because the last
/// ``Sender`` was released) and drained.
///
/// Clone it for several consumers on a multi-consumer implementation; each message goes to
/// exactly one of them. When the last receiver is released the channel is closed, so blocked
/// senders fail instead of waiting forever.
public final class Receiver<Element: Sendable>: Sequence, Sendable {
    public let channel: any BlockingChannel<Element>
    private let senders: HandleCount
    private let receivers: HandleCount

    init(channel: any BlockingChannel<Element>, senders: HandleCount, receivers: HandleCount) {
        self.channel = channel
        self.senders = senders
        self.receivers = receivers
    }

    public func clone() -> Receiver<Element> {
        receivers.retain()
        return Receiver(channel: channel, senders: senders, receivers: receivers)
    }

    /// Blocks until a message arrives; `nil` once the channel is closed and drained.
    // Inlinable: a call through a handle costs the caller one protocol-witness call, no more.
    @inlinable public func receive() -> Element? { channel.receive() }
    @inlinable public func tryReceive() -> TryReceiveResult<Element> { channel.tryReceive() }
    @inlinable public func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> { channel.receive(timeout: timeout) }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let receiver: Receiver<Element>
        @inlinable public mutating func next() -> Element? { receiver.receive() }
    }

    public func makeIterator() -> Iterator { Iterator(receiver: self) }

    deinit {
        if receivers.release() { channel.close() }
    }
}
