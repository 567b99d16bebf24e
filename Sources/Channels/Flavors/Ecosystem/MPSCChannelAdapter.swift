import AsyncAlgorithms
import Synchronization

/// `mpsc-channel`: a thin adapter over swift-async-algorithms'
/// `MultiProducerSingleConsumerAsyncChannel` (1.1), the package's backpressured channel.
///
/// Capacity mapping and what it means:
/// - `.bounded(n)` → `.watermark(low: max(1, n/2), high: n)`, the marks its descriptor
///   declares (``ChannelDescriptor/Watermark/mpscChannel``). The low mark is at least 1
///   because demand returns only when the level drops strictly *below* it, so with 0 a
///   producer would never be resumed (not even by a consumer that was already waiting).
///   **A watermark is not a hard capacity**: the channel buffers an element first and then
///   tells its producer to wait. So a lone producer's send that brings the level to `n` is
///   accepted and *then* suspends, and every producer sending concurrently can add one
///   element past the mark: with `P` producers the buffer can hold `n + P − 1`. The descriptor
///   declares this watermark so the suite and the harness know. Waiting producers are resumed
///   (all at once) when the level falls below the low mark.
/// - `.unbounded` → a watermark whose per-element water level is 0 (low = high = 1), so the
///   level never reaches the high mark and producers never wait. This is real unboundedness
///   (memory grows with the backlog), not a huge high mark; the cost is a closure call per
///   element sent and received.
/// - `.bounded(0)` is not supported (a zero high mark would never let a producer resume).
///
/// Other guarantees and limits:
/// - Multi-producer, **single consumer**: two tasks in `receive()` at once is a programmer
///   error (an exclusivity violation on the one consumer the type allows).
/// - The channel's `Source` is `~Copyable` with `mutating` sends, and this protocol has one
///   shared `send`, so producers share one `Source` behind a pthread mutex (held only for the
///   synchronous enqueue, never across a suspension). That costs one extra lock acquisition
///   per send on top of the channel's own, contended exactly when that one is.
/// - FIFO. `close()` finishes the source: the consumer drains what is buffered, then `nil`;
///   later sends throw `ChannelClosedError`.
/// - A `send` returns once its element is *accepted into the buffer*; a suspended send only
///   waits for demand. So when `close()` or a cancellation interrupts that wait, the element is
///   already buffered and will be received — the send returns normally (not an error: it was
///   delivered). Cancelling a waiting `receive()` ends the whole channel (the library's rule),
///   so the registry declares no cancellation.
/// - No try/timeout operations.
public final class MPSCChannelAdapter<Element: Sendable>: SuspendingChannel {
    private typealias Channel = MultiProducerSingleConsumerAsyncChannel<Element, Never>

    public let capacity: ChannelCapacity
    private let source: PthreadLockedState<Channel.Source?>
    /// The one consumer. Only `receive()` touches it, and the type is single-consumer.
    private nonisolated(unsafe) var consumer: Channel
    private let queued = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)

    /// - Precondition: `capacity` is `.unbounded` or `.bounded(n >= 1)`.
    public init(capacity: ChannelCapacity) {
        let strategy: Channel.Source.BackpressureStrategy
        switch capacity {
        case .bounded(let n):
            precondition(n >= 1, "mpsc-channel needs a capacity of at least 1 (got \(n))")
            let marks = ChannelDescriptor.Watermark.mpscChannel.marks(n)
            strategy = .watermark(low: marks.low, high: marks.high)
        case .unbounded:
            // Level stays 0: below high (1) after every send, below low (1) after every
            // receive, so there is always demand. low = 0 would hang a waiting consumer's
            // producer (0 < 0 is false).
            strategy = .watermark(low: 1, high: 1, waterLevelForElement: { _ in 0 })
        }
        self.capacity = capacity
        var pair = Channel.makeChannel(of: Element.self, throwing: Never.self, backpressureStrategy: strategy)
        consumer = pair.takeChannel()
        source = PthreadLockedState(consume pair.source)
        // The channel also ends when its consumer is cancelled; keep `isClosed` truthful.
        source.withLock { source in
            source?.setOnTerminationCallback { [weak self] in self?.closed.store(true, ordering: .releasing) }
        }
    }

    /// Elements accepted and not yet received, as this adapter counts them: incremented after
    /// the channel accepts an element, decremented after `receive()` returns one. So it may
    /// exceed `capacity.limit` (see the type documentation) and, as a snapshot, can run one
    /// above the real buffer while the consumer holds an element it has not counted yet.
    public var count: Int { max(0, queued.load(ordering: .relaxed)) }

    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    public func send(_ element: Element) async throws {
        let result: Channel.Source.SendResult?
        do {
            result = try source.withLock { source throws -> Channel.Source.SendResult? in
                try source?.send(element)
            }
        } catch {
            // MultiProducerSingleConsumerAsyncChannelAlreadyFinishedError: the consumer is gone.
            throw ChannelClosedError()
        }
        switch consume result {
        case .none:
            throw ChannelClosedError()
        case .some(let accepted):
            queued.wrappingAdd(1, ordering: .relaxed)
            switch consume accepted {
            case .produceMore:
                return
            case .enqueueCallback(let handle):
                await waitForDemand(handle)
            }
        }
    }

    /// Waits until the watermark lets producers continue. Any outcome (demand, finish,
    /// cancellation) just ends the wait: the element is already in the buffer.
    private func waitForDemand(_ handle: Channel.Source.SendResult.CallbackHandle) async {
        await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
                var handle = handle
                handle.enqueueCallback { _ in continuation.resume() }
            }
        } onCancel: {
            var handle = handle
            handle.cancelCallback()
        }
    }

    public func receive() async -> Element? {
        let element = await consumer.next()
        if element != nil { queued.wrappingSubtract(1, ordering: .relaxed) }
        return element
    }

    public func close() {
        closed.store(true, ordering: .releasing)
        let taken = source.withLock { source -> Channel.Source? in source.take() }
        switch consume taken {
        case .some(let last): last.finish()
        case .none: break
        }
    }
}

extension ChannelDescriptor {
    /// `mpsc-channel`: ``MPSCChannelAdapter``.
    public static let mpscChannel = ChannelDescriptor(
        name: "mpsc-channel",
        family: "ecosystem",
        summary: "swift-async-algorithms MultiProducerSingleConsumerAsyncChannel; bounded(n) = watermark(low: n/2, high: n), a soft limit (a lone producer completes n-1 sends, the n-th is buffered then waits; up to n+producers-1 buffered, count may read n+producers while the consumer holds one); single consumer, no try/timeout",
        supportsRendezvous: false,
        supportsBounded: true,
        minimumBoundedCapacity: 1,
        supportsUnbounded: true,
        multiConsumer: false,
        capacityEnforcement: .watermark(.mpscChannel),
        tryAndTimeout: .unsupported,
        maker: .suspending(BuiltInSuspendingMaker(flavor: .mpscChannel))
    )
}

extension ChannelDescriptor.Watermark {
    /// `mpsc-channel`'s marks for capacity `n`: low = max(1, n/2), high = n (see the adapter for
    /// why low is at least 1). Each concurrent producer may add one element past the high mark.
    static let mpscChannel = ChannelDescriptor.Watermark(overshootPerProducer: 1) { n in
        (low: max(1, n / 2), high: n)
    }
}
