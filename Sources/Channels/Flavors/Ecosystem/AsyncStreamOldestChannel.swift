import Synchronization

/// `asyncstream-oldest`: a thin adapter over `AsyncStream` with `.bufferingOldest(n)`.
///
/// **LOSSY.** When the buffer holds `n` elements, `send` does not wait: the *new* element is
/// dropped and `send` still returns normally (that is the policy — there is no backpressure).
/// ``droppedCount`` says how many were lost. The registry declares it `.lossy(.counted)`, so
/// it is excluded from exactly-once checks and labelled in every output; the suite checks it
/// never delivers more than was sent, never duplicates, and received + dropped == sent.
///
/// Other guarantees and limits are those of ``AsyncStreamChannel``: `.bounded(n)` with
/// `n >= 1` only (no rendezvous, no unbounded — use `asyncstream` for that), multi-producer,
/// **single consumer** (concurrent `receive()` traps), FIFO among the kept elements, `close()`
/// = `finish()` (buffer drained, then `nil`; later sends throw `ChannelClosedError`), not
/// cancellable (a cancelled waiting `receive()` terminates the stream), no try/timeout, and an
/// adapter-tracked `count` snapshot clamped to `0...n`.
public final class AsyncStreamOldestChannel<Element: Sendable>: SuspendingChannel {
    public let capacity: ChannelCapacity
    private let stream: AsyncStream<Element>
    private let continuation: AsyncStream<Element>.Continuation
    private let queued = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)
    private let limit: Int

    /// - Precondition: `bufferSize >= 1` (the registry validates user input first).
    public init(bufferSize: Int) {
        precondition(bufferSize >= 1, "asyncstream-oldest needs a buffer of at least 1 (got \(bufferSize))")
        limit = bufferSize
        capacity = .bounded(bufferSize)
        (stream, continuation) = AsyncStream.makeStream(of: Element.self, bufferingPolicy: .bufferingOldest(bufferSize))
        continuation.onTermination = { [weak self] _ in self?.closed.store(true, ordering: .releasing) }
    }

    public var count: Int { min(limit, max(0, queued.load(ordering: .relaxed))) }

    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    /// Elements that `send` accepted but the full buffer dropped (never `nil`: drops are counted).
    public var droppedCount: Int? { dropped.load(ordering: .relaxed) }

    /// Never suspends. Returns normally even when the element is dropped (see the type doc).
    public func send(_ element: Element) async throws {
        switch continuation.yield(element) {
        case .enqueued:
            queued.wrappingAdd(1, ordering: .relaxed)
        case .dropped:
            dropped.wrappingAdd(1, ordering: .relaxed)
        case .terminated:
            throw ChannelClosedError()
        @unknown default:
            throw ChannelClosedError()
        }
    }

    public func receive() async -> Element? {
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
    /// `asyncstream-oldest`: ``AsyncStreamOldestChannel`` — lossy.
    public static let asyncStreamOldest = ChannelDescriptor(
        name: "asyncstream-oldest",
        family: "ecosystem",
        summary: "LOSSY: stdlib AsyncStream .bufferingOldest(n) drops NEW messages when full (no backpressure); single consumer, no try/timeout",
        supportsRendezvous: false,
        supportsBounded: true,
        minimumBoundedCapacity: 1,
        supportsUnbounded: false,
        multiConsumer: false,
        delivery: .lossy(.counted),
        tryAndTimeout: .unsupported,
        maker: .suspending(BuiltInSuspendingMaker(flavor: .asyncStreamOldest))
    )
}
