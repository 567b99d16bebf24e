/// A suspending channel built on a Swift `actor`: what you get if you write the obvious
/// "actor with a buffer and a queue of continuations" channel, made correct under
/// cancellation, close and timeouts. Registry name `actor`, family `actor`.
///
/// Guarantees:
/// - Capacity `.bounded(0)` (rendezvous: a `send` returns only once a receiver has taken its
///   element), `.bounded(n)` (at most `n` buffered; senders suspend while full — backpressure)
///   and `.unbounded` (senders never suspend).
/// - Multi-producer, multi-consumer; FIFO per producer, and waiting senders/receivers are
///   served in arrival order.
/// - Never blocks a thread: `send`/`receive` suspend the task.
/// - `close()` is idempotent: suspended senders throw `ChannelClosedError` (their elements are
///   not delivered), suspended receivers get `nil`; later receives drain the buffer, then `nil`.
/// - Cancellation: a task cancelled while waiting in `send` throws `CancellationError` and its
///   element is not delivered; one cancelled in `receive` returns `nil` and takes nothing.
///   If the element was already handed over when the cancellation arrives, the hand-over wins
///   (send returns normally / receive returns the element). Other waiters are unaffected.
/// - Timeouts: `send(_:timeout:)` / `receive(timeout:)` return `.timedOut` no earlier than the
///   deadline (CLOCK_MONOTONIC), and a timed-out waiter leaves the queue atomically, so its
///   element is neither lost nor delivered twice. Cancelling a task in a timed operation ends
///   it early with `.timedOut` (the result types have no cancelled case).
///
/// Why an actor *and* a lock: `send` and `receive` are actor-isolated, so every async
/// operation hops onto this actor's serial executor, which is the cost this flavor exists to
/// measure. But the contract also demands synchronous `trySend`, `tryReceive`, `close()` and
/// `count` callable from any thread, and cancellation handlers run synchronously on the
/// cancelling thread; none of those can enter the actor without awaiting. So the state
/// (``ActorChannelStateMachine``) sits behind a pthread mutex owned by the actor (see
/// `PthreadLockedState` for why not the stdlib `Mutex`): isolated code takes it uncontended
/// except when a synchronous member or a cancellation races, and continuations are always
/// resumed after the lock is released.
public actor ActorChannel<Element: Sendable>: TimedSuspendingChannel {
    public nonisolated let capacity: ChannelCapacity
    // `@usableFromInline` with `@inlinable` operations, so a package depending on `Channels`
    // specializes them for its element type instead of running the generic body.
    @usableFromInline nonisolated let state: PthreadLockedState<ActorChannelStateMachine<Element>>

    /// - Precondition: a bounded capacity is `>= 0` (the registry validates user input first).
    public init(capacity: ChannelCapacity) {
        let limit: Int?
        switch capacity {
        case .bounded(let n):
            precondition(n >= 0, "ActorChannel capacity must be >= 0 (got \(n))")
            limit = n
        case .unbounded:
            limit = nil
        }
        self.capacity = capacity
        self.state = PthreadLockedState(ActorChannelStateMachine(limit: limit))
    }

    /// Elements in the buffer (a snapshot). Elements of suspended senders are not counted, so
    /// this never exceeds `capacity.limit` and is always 0 for a rendezvous channel.
    @inlinable public nonisolated var count: Int { state.withLock { $0.count } }

    @inlinable public nonisolated var isClosed: Bool { state.withLock { $0.isClosed } }

    // MARK: Sending

    @inlinable
    public func send(_ element: Element) async throws {
        switch await sendOutcome(element, deadline: nil) {
        case .sent: return
        case .closed: throw ChannelClosedError()
        case .cancelled, .timedOut: throw CancellationError() // no deadline: only cancellation
        }
    }

    @inlinable
    public func send(_ element: Element, timeout: Duration) async -> SendTimeoutResult {
        switch await sendOutcome(element, deadline: .after(timeout)) {
        case .sent: return .sent
        case .closed: return .closed
        case .cancelled, .timedOut: return .timedOut
        }
    }

    @inlinable
    public nonisolated func trySend(_ element: Element) -> TrySendResult {
        switch state.withLock({ $0.trySend(element) }) {
        case .sent: return .sent
        case .handOff(let receiver):
            receiver.resume(returning: .value(element))
            return .sent
        case .handOffToSelect(let select):
            select?.resume()
            return .sent
        case .closed: return .closed
        case .noRoom: return .full
        }
    }

    /// Resumes whoever an immediate send completed with; the element moves to the receiver.
    @inlinable
    nonisolated func settle(_ offer: ActorChannelStateMachine<Element>.OfferResult, _ element: Element) -> ActorSendOutcome {
        switch offer {
        case .sent: return .sent
        case .handOff(let receiver):
            receiver.resume(returning: .value(element))
            return .sent
        case .handOffToSelect(let select):
            select?.resume()
            return .sent
        case .closed: return .closed
        case .noRoom: preconditionFailure("ActorChannel: a suspending send never reports no room")
        }
    }

    @inlinable
    func sendOutcome(_ element: Element, deadline: MonotonicDeadline?) async -> ActorSendOutcome {
        let id: UInt64
        switch state.withLock({ $0.beginSend(element) }) {
        case .done(let offer): return settle(offer, element)
        case .suspend(let waiterID): id = waiterID
        }
        // An already-passed deadline needs no timer: the suspend step reports it.
        let timer = deadline.flatMap { deadline in
            deadline.hasPassed ? nil : startDeadlineTimer(deadline) { [channel = self] in
                channel.state.withLock { $0.abandonSender(id: id) }?.resume(returning: .timedOut)
            }
        }
        defer { timer?.cancel() }
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<ActorSendOutcome, Never>) in
                let result = state.withLock {
                    $0.suspendSend(
                        id: id, element: element, continuation: continuation,
                        isCancelled: Task.isCancelled, deadline: deadline
                    )
                }
                switch result {
                case .suspended: break
                case .done(let offer): continuation.resume(returning: settle(offer, element))
                case .cancelled: continuation.resume(returning: .cancelled)
                case .timedOut: continuation.resume(returning: .timedOut)
                }
            }
        } onCancel: {
            // Finds nothing if a receiver already took the element: the hand-over wins.
            state.withLock { $0.abandonSender(id: id) }?.resume(returning: .cancelled)
        }
    }

    // MARK: Receiving

    @inlinable
    public func receive() async -> Element? {
        switch await receiveOutcome(deadline: nil) {
        case .value(let element): return element
        case .closed, .cancelled, .timedOut: return nil // no deadline: .timedOut cannot occur
        }
    }

    @inlinable
    public func receive(timeout: Duration) async -> ReceiveTimeoutResult<Element> {
        switch await receiveOutcome(deadline: .after(timeout)) {
        case .value(let element): return .value(element)
        case .closed: return .closed
        case .cancelled, .timedOut: return .timedOut
        }
    }

    @inlinable
    public nonisolated func tryReceive() -> TryReceiveResult<Element> {
        switch state.withLock({ $0.tryReceive() }) {
        case .value(let element, let sender):
            sender?.resume(returning: .sent)
            return .value(element)
        case .valueResumingSelect(let element, let select):
            select?.resume()
            return .value(element)
        case .closed: return .closed
        case .empty: return .empty
        }
    }

    @inlinable
    nonisolated func settle(_ take: ActorChannelStateMachine<Element>.TakeResult) -> ActorReceiveOutcome<Element> {
        switch take {
        case .value(let element, let sender):
            sender?.resume(returning: .sent)
            return .value(element)
        case .valueResumingSelect(let element, let select):
            select?.resume()
            return .value(element)
        case .closed: return .closed
        case .empty: preconditionFailure("ActorChannel: a suspending receive never reports empty")
        }
    }

    @inlinable
    func receiveOutcome(deadline: MonotonicDeadline?) async -> ActorReceiveOutcome<Element> {
        let id: UInt64
        switch state.withLock({ $0.beginReceive() }) {
        case .done(let take): return settle(take)
        case .suspend(let waiterID): id = waiterID
        }
        // An already-passed deadline needs no timer: the suspend step reports it.
        let timer = deadline.flatMap { deadline in
            deadline.hasPassed ? nil : startDeadlineTimer(deadline) { [channel = self] in
                channel.state.withLock { $0.abandonReceiver(id: id) }?.resume(returning: .timedOut)
            }
        }
        defer { timer?.cancel() }
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<ActorReceiveOutcome<Element>, Never>) in
                let result = state.withLock {
                    $0.suspendReceive(
                        id: id, continuation: continuation,
                        isCancelled: Task.isCancelled, deadline: deadline
                    )
                }
                switch result {
                case .suspended: break
                case .done(let take): continuation.resume(returning: settle(take))
                case .cancelled: continuation.resume(returning: .cancelled)
                case .timedOut: continuation.resume(returning: .timedOut)
                }
            }
        } onCancel: {
            // Finds nothing if an element was already handed over: the hand-over wins.
            state.withLock { $0.abandonReceiver(id: id) }?.resume(returning: .cancelled)
        }
    }

    // MARK: Closing

    public nonisolated func close() {
        guard let action = state.withLock({ $0.close() }) else { return }
        for sender in action.senders { sender.resume(returning: .closed) }
        for receiver in action.receivers { receiver.resume(returning: .closed) }
        for select in action.selects { select?.resume() }
        // action.droppedElements is released here, outside the lock, when it goes out of scope.
    }
}
