/// How a suspended `send` of the actor channel ended. One value per waiter, delivered exactly
/// once through its continuation.
@usableFromInline
enum ActorSendOutcome: Sendable {
    /// The element is in the buffer or was taken by a receiver.
    case sent
    /// The channel was closed first; the element was not delivered.
    case closed
    /// The waiting task was cancelled first; the element was not delivered.
    case cancelled
    /// The deadline passed first; the element was not delivered.
    case timedOut
}

/// How a suspended `receive` of the actor channel ended.
@usableFromInline
enum ActorReceiveOutcome<Element: Sendable>: Sendable {
    case value(Element)
    /// Closed and drained: nothing will ever arrive.
    case closed
    /// The waiting task was cancelled first; no element was taken.
    case cancelled
    /// The deadline passed first; no element was taken.
    case timedOut
}

/// A sender suspended because the channel is full (or, at capacity 0, because no receiver is
/// waiting). It owns its element until a receiver moves it into the buffer or takes it.
@usableFromInline
struct ActorWaitingSender<Element: Sendable> {
    @usableFromInline let id: UInt64
    @usableFromInline let element: Element
    @usableFromInline let continuation: UnsafeContinuation<ActorSendOutcome, Never>

    @inlinable
    init(id: UInt64, element: Element, continuation: UnsafeContinuation<ActorSendOutcome, Never>) {
        self.id = id
        self.element = element
        self.continuation = continuation
    }
}

/// A receiver suspended because nothing is buffered and no sender is waiting.
@usableFromInline
struct ActorWaitingReceiver<Element: Sendable> {
    @usableFromInline let id: UInt64
    @usableFromInline let continuation: UnsafeContinuation<ActorReceiveOutcome<Element>, Never>

    @inlinable
    init(id: UInt64, continuation: UnsafeContinuation<ActorReceiveOutcome<Element>, Never>) {
        self.id = id
        self.continuation = continuation
    }
}

/// A select's send operation waiting on this channel beside the ordinary senders. It owns its
/// element until a receiver claims the select's token and takes it; if the claim fails (the
/// select already ended another way), the entry is dropped with its element.
@usableFromInline
struct ActorSelectingSender<Element: Sendable> {
    @usableFromInline let id: UInt64
    @usableFromInline let element: Element
    @usableFromInline let token: AsyncSelectToken
    @usableFromInline let caseIndex: Int

    @usableFromInline
    init(id: UInt64, element: Element, token: AsyncSelectToken, caseIndex: Int) {
        self.id = id
        self.element = element
        self.token = token
        self.caseIndex = caseIndex
    }
}

/// A select's receive operation waiting on this channel beside the ordinary receivers.
@usableFromInline
struct ActorSelectingReceiver {
    @usableFromInline let id: UInt64
    @usableFromInline let token: AsyncSelectToken
    @usableFromInline let caseIndex: Int

    @usableFromInline
    init(id: UInt64, token: AsyncSelectToken, caseIndex: Int) {
        self.id = id
        self.token = token
        self.caseIndex = caseIndex
    }
}
