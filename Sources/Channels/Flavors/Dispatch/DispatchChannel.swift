import Dispatch
import DequeModule

/// A blocking MPMC channel built from libdispatch primitives: one `DispatchSemaphore` counting
/// filled items, one counting free slots (bounded only), and a small pthread mutex around the
/// `Deque` buffer. Threads block inside `DispatchSemaphore.wait`, which parks them in the
/// kernel once the semaphore's fast path fails.
///
/// Guarantees:
/// - **Blocking**: `send` blocks while a bounded channel is full; `receive` while it is empty.
/// - **Capacity**: `.bounded(n)` with `n >= 1` (`count <= n` at every instant, because a
///   sender appends only while holding a slot token) or `.unbounded`. No rendezvous: a
///   true hand-off needs a semaphore per exchange, retraction of timed-out offers and
///   "committed" `trySend` offers that close must not drop; that is not built yet, so
///   `.bounded(0)` is declared unsupported in the registry rather than faked with a
///   one-slot buffer.
/// - **Order**: FIFO over the whole channel (so per-producer FIFO).
/// - **MPMC**: any number of senders and receivers; every message is received exactly once.
/// - **Close**: idempotent. The token accounting before close is exact (item tokens never
///   exceed buffered messages), so a receiver that holds a token but finds the buffer empty
///   can only have been woken by `close()`. `close()` adds one token to each semaphore; every
///   waiter that wakes into a closed channel without work passes its token on before leaving,
///   so the wake-up propagates through all blocked threads: each is released exactly once and
///   none is lost. Receivers drain buffered messages first and return `nil` only once closed
///   *and* drained; sends that start after close throw ``ChannelClosedError``.
/// - **Timeouts** use `DispatchSemaphore.wait(timeout:)`, re-armed until our CLOCK_MONOTONIC
///   deadline has really passed, so `.timedOut` is never reported early.
/// - **Memory**: dropping the channel releases every undelivered message. Both semaphores are
///   created at 0 and topped up, because libdispatch traps if a semaphore is deallocated with
///   a value below its initial one.
/// - **Cost**: O(1) per operation (amortised for the unbounded deque): two semaphore
///   operations and one short critical section.
/// - **No select** (descriptor `select: .unsupported`): a thread can wait on one
///   `DispatchSemaphore` only, and the semaphores are the channel's wake-up mechanism, so a
///   select would need a second one (a waiter list checked on every operation, an extra cost
///   for code that never selects); and a select's "ready?" re-check would read the item
///   token count, which lags the buffer (the try operations are not linearizable), so it
///   could sleep through a message already there.
public final class DispatchChannel<Element: Sendable>: BlockingChannel, @unchecked Sendable {
    // @unchecked: `buffer` and `closed` are only touched with `lock` held.
    // `@usableFromInline` with `@inlinable` operations, so a package depending on `Channels`
    // specializes them (and the `Deque`) for its element type.
    @usableFromInline let lock = PThreadMutex()
    @usableFromInline var buffer: Deque<Element> = []
    @usableFromInline var closed = false
    /// One token per buffered message (plus, after close, one circulating wake-up token).
    @usableFromInline let items = DispatchSemaphore(value: 0)
    /// One token per free slot; `nil` for an unbounded channel.
    @usableFromInline let slots: DispatchSemaphore?

    public let capacity: ChannelCapacity

    /// Creates a channel; `capacity` must be `.unbounded` or `.bounded(n)` with `n >= 1`.
    public init(capacity: ChannelCapacity) {
        self.capacity = capacity
        switch capacity {
        case .unbounded:
            slots = nil
        case .bounded(let n):
            precondition(n >= 1, "DispatchChannel needs capacity >= 1 (got \(n))")
            let semaphore = DispatchSemaphore(value: 0)
            for _ in 0..<n { semaphore.signal() }
            slots = semaphore
            buffer.reserveCapacity(min(n, 4096))
        }
    }

    @inlinable public var count: Int { lock.withLock { buffer.count } }
    @inlinable public var isClosed: Bool { lock.withLock { closed } }

    // MARK: send

    @inlinable
    public func send(_ element: Element) throws(ChannelClosedError) {
        if let slots { slots.wait() }
        if !append(element) { throw ChannelClosedError() }
    }

    @inlinable
    public func trySend(_ element: Element) -> TrySendResult {
        if let slots, slots.wait(timeout: .now()) != .success {
            return isClosed ? .closed : .full
        }
        return append(element) ? .sent : .closed
    }

    @inlinable
    public func send(_ element: Element, timeout: Duration) -> SendTimeoutResult {
        if let slots, !Self.acquire(slots, before: .after(timeout)) {
            return isClosed ? .closed : .timedOut
        }
        return append(element) ? .sent : .closed
    }

    /// Appends once a slot token is held (or always, unbounded). On a closed channel the slot
    /// token is passed on so the next blocked sender wakes too, and `false` is returned.
    @inlinable
    func append(_ element: Element) -> Bool {
        lock.lock()
        if closed {
            lock.unlock()
            slots?.signal()
            return false
        }
        buffer.append(element)
        lock.unlock()
        items.signal()
        return true
    }

    // MARK: receive

    @inlinable
    public func receive() -> Element? {
        items.wait()
        return take().value
    }

    @inlinable
    public func tryReceive() -> TryReceiveResult<Element> {
        guard items.wait(timeout: .now()) == .success else {
            return lock.withLock { closed && buffer.isEmpty } ? .closed : .empty
        }
        return take()
    }

    @inlinable
    public func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> {
        guard Self.acquire(items, before: .after(timeout)) else {
            return lock.withLock { closed && buffer.isEmpty } ? .closed : .timedOut
        }
        switch take() {
        case .value(let element): return .value(element)
        case .closed: return .closed
        case .empty: preconditionFailure("take() never reports empty")
        }
    }

    /// Takes a message once an item token is held. Finding nothing means the token was the
    /// close wake-up: pass it on to the next blocked receiver and report closed.
    @inlinable
    func take() -> TryReceiveResult<Element> {
        lock.lock()
        if let element = buffer.popFirst() {
            lock.unlock()
            slots?.signal()
            return .value(element)
        }
        let wasClosed = closed
        lock.unlock()
        // Before close, item tokens never outnumber buffered messages (append happens before
        // the signal, the pop after the wait), so an empty buffer here proves a close.
        precondition(wasClosed, "DispatchChannel: item token without an item on an open channel")
        items.signal()
        return .closed
    }

    // MARK: close

    @inlinable
    public func close() {
        lock.lock()
        if closed {
            lock.unlock()
            return
        }
        closed = true
        lock.unlock()
        // One wake-up token each; woken threads that find nothing to do pass it on.
        items.signal()
        slots?.signal()
    }

    /// Waits for a token until `deadline` by CLOCK_MONOTONIC. libdispatch's clock and
    /// rounding may differ from ours, so a timeout is re-armed until our deadline has
    /// really passed: callers never see `false` early.
    @usableFromInline
    static func acquire(_ semaphore: DispatchSemaphore, before deadline: MonotonicDeadline) -> Bool {
        while true {
            let remaining = deadline.remainingNanoseconds
            if remaining == 0 { return semaphore.wait(timeout: .now()) == .success }
            // Cap each wait at a day so the DispatchTime arithmetic cannot overflow.
            let slice = Int(min(remaining, 86_400 * 1_000_000_000))
            if semaphore.wait(timeout: .now() + .nanoseconds(slice)) == .success { return true }
        }
    }
}

extension ChannelDescriptor {
    /// DispatchSemaphore for slots and items plus a small lock; bounded (n >= 1) and unbounded.
    public static let dispatch = ChannelDescriptor(
        name: "dispatch",
        family: "dispatch",
        summary: "DispatchSemaphore for free slots and filled items + pthread mutex around a Deque; try operations are not linearizable (the item count lags the buffer)",
        supportsRendezvous: false,
        supportsBounded: true,
        minimumBoundedCapacity: 1,
        supportsUnbounded: true,
        // Found by `chanbench verify`: a sender signals the item semaphore after it appends,
        // so while one send is between the two, a receiver can consume another send's token
        // and take the older element, and a concurrent tryReceive sees no token and answers
        // empty although a completed send's element is buffered.
        tryAndTimeout: .notLinearizable,
        maker: .blocking(BuiltInBlockingMaker(flavor: .dispatch))
    )
}
