/// How a suspended `send` of the actor channel ended. One value per waiter, delivered exactly
/// once through its continuation.
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
struct ActorWaitingSender<Element: Sendable> {
    let id: UInt64
    let element: Element
    let continuation: UnsafeContinuation<ActorSendOutcome, Never>
}

/// A receiver suspended because nothing is buffered and no sender is waiting.
struct ActorWaitingReceiver<Element: Sendable> {
    let id: UInt64
    let continuation: UnsafeContinuation<ActorReceiveOutcome<Element>, Never>
}
