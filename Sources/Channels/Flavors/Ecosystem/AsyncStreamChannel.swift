import Synchronization

/// `asyncstream`: a thin adapter over the standard library's `AsyncStream` with `.unbounded`
/// buffering — what most Swift code reaches for first.
///
/// Guarantees and limits:
/// - Unbounded only: `send` never suspends (it is `continuation.yield`); memory grows with the
///   backlog.
/// - Multi-producer (the continuation is `Sendable`), **single consumer**: the stream has one
///   iterator state, and two tasks awaiting `receive()` at once is a programmer error that
///   `AsyncStream` traps on. The registry says `multiConsumer: false`.
/// - FIFO; `close()` is `continuation.finish()`: buffered elements are still received, then
///   `nil`; a later `send` throws `ChannelClosedError` (yield reports `.terminated`).
/// - Not cancellable in the contract's sense: cancelling the task waiting in `receive()`
///   returns `nil` **and terminates the whole stream** (AsyncStream's rule), which closes the
///   channel; buffered elements are then dropped.
/// - No try/timeout operations (an `AsyncStream` iterator cannot be polled).
/// - `count` is tracked by this adapter with an atomic (incremented after a successful yield,
///   decremented after a received element), so it is a snapshot that may lag by the operations
///   in flight; it is clamped at 0.
public final class AsyncStreamChannel<Element: Sendable>: SuspendingChannel {
    public let capacity: ChannelCapacity = .unbounded
    private let stream: AsyncStream<Element>
    private let continuation: AsyncStream<Element>.Continuation
    private let queued = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: Element.self, bufferingPolicy: .unbounded)
        continuation.onTermination = { [weak self] _ in self?.closed.store(true, ordering: .releasing) }
    }

    public var count: Int { max(0, queued.load(ordering: .relaxed)) }

    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    public func send(_ element: Element) async throws {
        switch continuation.yield(element) {
        case .enqueued:
            queued.wrappingAdd(1, ordering: .relaxed)
        case .dropped:
            preconditionFailure("an unbounded AsyncStream never drops")
        case .terminated:
            throw ChannelClosedError()
        @unknown default:
            throw ChannelClosedError()
        }
    }

    public func receive() async -> Element? {
        // The iterator is a view of the stream's shared storage, so a fresh one per call
        // continues where the last left off; AsyncStream traps if two are awaited at once.
        var iterator = stream.makeAsyncIterator()
        let element = await iterator.next()
        if element != nil { queued.wrappingSubtract(1, ordering: .relaxed) }
        return element
    }

    public func close() {
        closed.store(true, ordering: .releasing)
        continuation.finish()
    }
}

extension ChannelDescriptor {
    /// `asyncstream`: ``AsyncStreamChannel``.
    public static let asyncStream = ChannelDescriptor(
        name: "asyncstream",
        family: "ecosystem",
        summary: "stdlib AsyncStream, .unbounded buffering; single consumer, no try/timeout, cancelling a receive ends the stream",
        supportsRendezvous: false,
        supportsBounded: false,
        supportsUnbounded: true,
        multiConsumer: false,
        tryAndTimeout: .unsupported,
        maker: .suspending(BuiltInSuspendingMaker(flavor: .asyncStream))
    )
}
