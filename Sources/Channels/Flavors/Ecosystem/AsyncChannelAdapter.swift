import AsyncAlgorithms
import Synchronization

/// `asyncchannel`: a thin adapter over swift-async-algorithms' `AsyncChannel`.
///
/// Guarantees and limits:
/// - Rendezvous only (`.bounded(0)`): `send` suspends until a receiver takes the element;
///   nothing is ever buffered, so `count` is always 0.
/// - Multi-producer, multi-consumer (every `receive()` makes a fresh iterator; they share the
///   channel's state).
/// - `close()` is `finish()`: suspended receivers get `nil`. A `send` started after `close()`
///   throws `ChannelClosedError` (this adapter checks its own flag first, because
///   `AsyncChannel.send` on a finished channel silently does nothing).
/// - **A `send` that is suspended when `close()` runs returns normally without delivering**:
///   `finish()` resumes pending producers and drops their elements without telling them. The
///   same holds for a `send` whose task is cancelled while waiting. This adapter cannot tell
///   those sends from delivered ones, so its descriptor declares
///   ``ChannelDescriptor/SendPendingAtClose/mayReturnUndelivered``.
/// - Cancellation: a cancelled waiting `receive()` returns `nil` and takes nothing; a cancelled
///   waiting `send` returns without delivering (see above). Registered without cancellation
///   because the caller cannot tell a cancelled send from a delivered one.
/// - No try/timeout operations.
public final class AsyncChannelAdapter<Element: Sendable>: SuspendingChannel {
    public let capacity: ChannelCapacity = .bounded(0)
    private let channel = AsyncChannel<Element>()
    private let closed = Atomic<Bool>(false)

    public init() {}

    /// Always 0: a rendezvous channel buffers nothing.
    public var count: Int { 0 }

    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    public func send(_ element: Element) async throws {
        if closed.load(ordering: .acquiring) { throw ChannelClosedError() }
        await channel.send(element)
    }

    public func receive() async -> Element? {
        var iterator = channel.makeAsyncIterator()
        return await iterator.next()
    }

    public func close() {
        closed.store(true, ordering: .releasing)
        channel.finish()
    }
}

extension ChannelDescriptor {
    /// `asyncchannel`: ``AsyncChannelAdapter``.
    public static let asyncChannel = ChannelDescriptor(
        name: "asyncchannel",
        family: "ecosystem",
        summary: "swift-async-algorithms AsyncChannel: rendezvous only, MPMC, no try/timeout; a send pending at close returns without delivering",
        supportsRendezvous: true,
        supportsBounded: false,
        supportsUnbounded: false,
        sendPendingAtClose: .mayReturnUndelivered,
        tryAndTimeout: .unsupported,
        maker: .suspending(BuiltInSuspendingMaker(flavor: .asyncChannel))
    )
}
