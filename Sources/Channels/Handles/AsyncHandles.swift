/// The sending half of a suspending channel: ``Sender`` for tasks. Releasing the last clone
/// closes the channel, so the receivers' `for await` loops end after draining.
public final class AsyncSender<Element: Sendable>: Sendable {
    public let channel: any SuspendingChannel<Element>
    private let senders: HandleCount
    private let receivers: HandleCount

    init(channel: any SuspendingChannel<Element>, senders: HandleCount, receivers: HandleCount) {
        self.channel = channel
        self.senders = senders
        self.receivers = receivers
    }

    public func clone() -> AsyncSender<Element> {
        senders.retain()
        return AsyncSender(channel: channel, senders: senders, receivers: receivers)
    }

    /// Suspends while full; throws `ChannelClosedError` once closed (or `CancellationError`).
    @inlinable public func send(_ element: Element) async throws { try await channel.send(element) }

    deinit {
        if senders.release() { channel.close() }
    }
}

/// The receiving half of a suspending channel, an `AsyncSequence` that ends once the channel
/// is closed and drained.
public final class AsyncReceiver<Element: Sendable>: AsyncSequence, Sendable {
    public typealias Failure = Never
    public let channel: any SuspendingChannel<Element>
    private let senders: HandleCount
    private let receivers: HandleCount

    init(channel: any SuspendingChannel<Element>, senders: HandleCount, receivers: HandleCount) {
        self.channel = channel
        self.senders = senders
        self.receivers = receivers
    }

    public func clone() -> AsyncReceiver<Element> {
        receivers.retain()
        return AsyncReceiver(channel: channel, senders: senders, receivers: receivers)
    }

    /// Suspends until a message arrives; `nil` once closed and drained.
    @inlinable public func receive() async -> Element? { await channel.receive() }

    public struct AsyncIterator: AsyncIteratorProtocol {
        @usableFromInline let receiver: AsyncReceiver<Element>
        @inlinable public mutating func next() async -> Element? { await receiver.receive() }
        @inlinable public mutating func next(isolation actor: isolated (any Actor)?) async -> Element? {
            await receiver.receive()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(receiver: self) }

    deinit {
        if receivers.release() { channel.close() }
    }
}
