import DequeModule

/// The actor channel's whole logic as a pure value: every operation mutates the state and
/// returns an *action* saying which continuation the caller must resume with what. It never
/// resumes anything itself, so the owner can run it under a lock and resume outside it (the
/// swift-async-algorithms channel style).
///
/// Invariants (checked by the semantics suite through the channel):
/// - `buffer.count <= limit` for a bounded channel; at `limit == 0` the buffer stays empty.
/// - Senders wait only while the buffer is full (or, at capacity 0, no receiver waits);
///   receivers wait only while the buffer is empty and no sender waits. So the two wait queues
///   are never both non-empty. The same holds with a select's waiters counted in (the
///   `selecting` queues), except for entries whose select has already ended, which the next
///   operation that meets them drops and the select itself removes as it returns.
/// - Every waiter leaves its queue exactly once (hand-over, close, cancellation or timeout),
///   under the lock, so its continuation is resumed exactly once and an element is never both
///   delivered and reported as not sent.
/// - One producer's elements stay in order: a waiting sender's element enters the buffer (or
///   reaches a receiver) only after every element it waited behind.
///
/// `@usableFromInline`/`@inlinable` throughout, so a package depending on `Channels` specializes
/// the hot path (and its `Deque`s) for its element type.
@usableFromInline
struct ActorChannelStateMachine<Element: Sendable> {
    /// `nil` = unbounded, `0` = rendezvous.
    @usableFromInline let limit: Int?
    @usableFromInline var buffer: Deque<Element> = []
    @usableFromInline var senders: Deque<ActorWaitingSender<Element>> = []
    @usableFromInline var receivers: Deque<ActorWaitingReceiver<Element>> = []
    /// Waiting operations of selects (`AsyncSelect`), in their own queues so that code which
    /// never selects pays one emptiness check per operation and nothing else. Across the two
    /// kinds, waiters are served in the order of their ids (the order they found they must wait).
    @usableFromInline var selectingSenders: Deque<ActorSelectingSender<Element>> = []
    @usableFromInline var selectingReceivers: Deque<ActorSelectingReceiver> = []
    @usableFromInline var isClosed = false
    @usableFromInline var nextWaiterID: UInt64 = 0

    @usableFromInline
    init(limit: Int?) {
        self.limit = limit
    }

    @inlinable var count: Int { buffer.count }

    // MARK: Sending

    @usableFromInline
    enum OfferResult {
        /// Buffered.
        case sent
        /// A receiver was waiting: the caller resumes it with the element.
        case handOff(UnsafeContinuation<ActorReceiveOutcome<Element>, Never>)
        /// A select's receive claimed the element (it is in the select's token): the caller
        /// resumes the select.
        case handOffToSelect(UnsafeContinuation<Void, Never>?)
        case closed
        /// Full (or rendezvous with no receiver waiting).
        case noRoom
    }

    /// The common first step of every send.
    @inlinable
    mutating func offer(_ element: Element) -> OfferResult {
        if isClosed { return .closed }
        if !selectingReceivers.isEmpty { return offerMeetingSelects(element) }
        if let receiver = receivers.popFirst() {
            // A receiver only waits while the buffer is empty, so handing over keeps FIFO.
            return .handOff(receiver.continuation)
        }
        if let limit, buffer.count >= limit { return .noRoom }
        buffer.append(element)
        return .sent
    }

    /// `trySend`: `.noRoom` means full.
    @inlinable
    mutating func trySend(_ element: Element) -> OfferResult {
        offer(element)
    }

    @usableFromInline
    enum BeginSendResult {
        case done(OfferResult)
        /// Must wait; the id names the waiter for cancellation and timeout.
        case suspend(id: UInt64)
    }

    /// The fast path of a suspending send: completes at once if it can, else hands out an id.
    @inlinable
    mutating func beginSend(_ element: Element) -> BeginSendResult {
        let result = offer(element)
        if case .noRoom = result {
            defer { nextWaiterID &+= 1 }
            return .suspend(id: nextWaiterID)
        }
        return .done(result)
    }

    @usableFromInline
    enum SuspendSendResult {
        case done(OfferResult)
        /// The waiter is queued; a later receive, close, cancel or timeout resumes it.
        case suspended
        /// Not queued: the task was already cancelled / the deadline already passed.
        case cancelled
        case timedOut
    }

    /// Called inside the continuation closure: tries once more (state may have changed since
    /// `beginSend`), then queues the waiter unless cancellation or the deadline got there
    /// first. `isCancelled` must be read while the lock is held, so a cancellation handler that
    /// runs after this call always finds the waiter queued.
    @inlinable
    mutating func suspendSend(
        id: UInt64,
        element: Element,
        continuation: UnsafeContinuation<ActorSendOutcome, Never>,
        isCancelled: Bool,
        deadline: MonotonicDeadline?
    ) -> SuspendSendResult {
        let result = offer(element)
        guard case .noRoom = result else { return .done(result) }
        if isCancelled { return .cancelled }
        if let deadline, deadline.hasPassed { return .timedOut }
        senders.append(ActorWaitingSender(id: id, element: element, continuation: continuation))
        return .suspended
    }

    /// Removes a waiting sender that was cancelled or timed out. `nil` if it already left the
    /// queue (a receiver took its element, or close failed it): then that outcome stands.
    @usableFromInline
    mutating func abandonSender(id: UInt64) -> UnsafeContinuation<ActorSendOutcome, Never>? {
        guard let index = senders.firstIndex(where: { $0.id == id }) else { return nil }
        return senders.remove(at: index).continuation
    }

    // MARK: Receiving

    @usableFromInline
    enum TakeResult {
        /// An element; if a sender was waiting, the caller resumes it with `.sent` (its element
        /// moved into the buffer, or at capacity 0 is the element returned).
        case value(Element, resumeSender: UnsafeContinuation<ActorSendOutcome, Never>?)
        /// An element, and a select whose send just completed (its element was taken, or moved
        /// into the room this receive made): the caller resumes the select.
        case valueResumingSelect(Element, UnsafeContinuation<Void, Never>?)
        /// Closed and drained.
        case closed
        /// Nothing buffered, nobody sending, still open.
        case empty
    }

    /// The common first step of every receive.
    @inlinable
    mutating func take() -> TakeResult {
        if !selectingSenders.isEmpty { return takeMeetingSelects() }
        if let element = buffer.popFirst() {
            // Room appeared: the longest-waiting sender's element moves in behind the others.
            if let sender = senders.popFirst() {
                buffer.append(sender.element)
                return .value(element, resumeSender: sender.continuation)
            }
            return .value(element, resumeSender: nil)
        }
        if let sender = senders.popFirst() {
            // Rendezvous: take straight from the waiting sender.
            return .value(sender.element, resumeSender: sender.continuation)
        }
        return isClosed ? .closed : .empty
    }

    @inlinable
    mutating func tryReceive() -> TakeResult {
        take()
    }

    @usableFromInline
    enum BeginReceiveResult {
        case done(TakeResult)
        case suspend(id: UInt64)
    }

    @inlinable
    mutating func beginReceive() -> BeginReceiveResult {
        let result = take()
        if case .empty = result {
            defer { nextWaiterID &+= 1 }
            return .suspend(id: nextWaiterID)
        }
        return .done(result)
    }

    @usableFromInline
    enum SuspendReceiveResult {
        case done(TakeResult)
        case suspended
        case cancelled
        case timedOut
    }

    /// Same protocol as ``suspendSend(id:element:continuation:isCancelled:deadline:)``.
    @inlinable
    mutating func suspendReceive(
        id: UInt64,
        continuation: UnsafeContinuation<ActorReceiveOutcome<Element>, Never>,
        isCancelled: Bool,
        deadline: MonotonicDeadline?
    ) -> SuspendReceiveResult {
        let result = take()
        guard case .empty = result else { return .done(result) }
        if isCancelled { return .cancelled }
        if let deadline, deadline.hasPassed { return .timedOut }
        receivers.append(ActorWaitingReceiver(id: id, continuation: continuation))
        return .suspended
    }

    /// Removes a waiting receiver that was cancelled or timed out; `nil` if it was already
    /// given an element (the hand-over wins) or resumed by close.
    @usableFromInline
    mutating func abandonReceiver(id: UInt64) -> UnsafeContinuation<ActorReceiveOutcome<Element>, Never>? {
        guard let index = receivers.firstIndex(where: { $0.id == id }) else { return nil }
        return receivers.remove(at: index).continuation
    }

    // MARK: Closing

    @usableFromInline
    struct CloseAction {
        /// Fail these with `.closed`; their elements were never delivered.
        @usableFromInline var senders: [UnsafeContinuation<ActorSendOutcome, Never>]
        /// Resume these with `.closed`: they waited, so the buffer is empty.
        @usableFromInline var receivers: [UnsafeContinuation<ActorReceiveOutcome<Element>, Never>]
        /// Elements of the failed senders, released by the caller outside the lock.
        @usableFromInline var droppedElements: [Element]
        /// Selects that this close decided (a receive saw the end, a send failed): resume them.
        @usableFromInline var selects: [UnsafeContinuation<Void, Never>?]
    }

    /// Idempotent: `nil` the second time. Buffered elements stay for receivers to drain.
    @usableFromInline
    mutating func close() -> CloseAction? {
        if isClosed { return nil }
        isClosed = true
        var action = CloseAction(
            senders: senders.map(\.continuation),
            receivers: receivers.map(\.continuation),
            droppedElements: senders.map(\.element) + selectingSenders.map(\.element),
            selects: []
        )
        for sender in selectingSenders {
            if case .won(let select) = sender.token.claim(.sendClosed(caseIndex: sender.caseIndex)) {
                action.selects.append(select)
            }
        }
        for receiver in selectingReceivers {
            if case .won(let select) = receiver.token.claim(.receivedClosed(caseIndex: receiver.caseIndex)) {
                action.selects.append(select)
            }
        }
        senders.removeAll()
        receivers.removeAll()
        selectingSenders.removeAll()
        selectingReceivers.removeAll()
        return action
    }
}
