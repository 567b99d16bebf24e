/// One operation of an ``AsyncSelect``, its channel and element type erased: how to try it at
/// once, how to wait on it (register a waiter that shares the select's token), how to take
/// that waiter back, and how to hand the outcome to the caller's handler.
struct AsyncSelectOperation<Value> {
    /// Completes the operation if it can without waiting (this select's position is the
    /// argument); `nil` if it is not ready.
    let attempt: (_ caseIndex: Int) -> AsyncSelectResolution?
    /// Completes the operation now, claiming the token, or queues a waiter and returns its id;
    /// `nil` also when the token had already been claimed (nothing was done).
    let register: (_ token: AsyncSelectToken, _ caseIndex: Int) -> UInt64?
    /// Removes the queued waiter, if still queued.
    let unregister: (_ id: UInt64) -> Void
    /// Runs the handler with this operation's outcome.
    let complete: (AsyncSelectResolution) -> Value

    static func receive<Element: Sendable>(
        from channel: ActorChannel<Element>,
        _ handler: @escaping (Element?) -> Value
    ) -> AsyncSelectOperation {
        AsyncSelectOperation(
            attempt: { caseIndex in
                switch channel.tryReceive() {
                case .value(let element): return .received(caseIndex: caseIndex, element: element)
                case .closed: return .receivedClosed(caseIndex: caseIndex)
                case .empty: return nil
                }
            },
            register: { token, caseIndex in channel.registerSelectReceive(token: token, caseIndex: caseIndex) },
            unregister: { id in channel.unregisterSelectReceive(id: id) },
            complete: { resolution in
                switch resolution {
                case .received(_, let element): return handler((element as! Element))
                case .receivedClosed: return handler(nil)
                default: preconditionFailure("AsyncSelect: a receive completed as \(resolution)")
                }
            }
        )
    }

    /// A send of what `element` returns when the send is attempted or its waiter registered.
    static func send<Element: Sendable>(
        _ element: @escaping () -> Element,
        to channel: ActorChannel<Element>,
        _ handler: @escaping (Result<Void, ChannelClosedError>) -> Value
    ) -> AsyncSelectOperation {
        AsyncSelectOperation(
            attempt: { caseIndex in
                switch channel.trySend(element()) {
                case .sent: return .sent(caseIndex: caseIndex)
                case .closed: return .sendClosed(caseIndex: caseIndex)
                case .full: return nil
                }
            },
            register: { token, caseIndex in channel.registerSelectSend(element(), token: token, caseIndex: caseIndex) },
            unregister: { id in channel.unregisterSelectSend(id: id) },
            complete: { resolution in
                switch resolution {
                case .sent: return handler(.success(()))
                case .sendClosed: return handler(.failure(ChannelClosedError()))
                default: preconditionFailure("AsyncSelect: a send completed as \(resolution)")
                }
            }
        )
    }
}

extension AsyncSelectResolution {
    /// The operation this resolution completed; `nil` for a timeout or a cancellation.
    var caseIndex: Int? {
        switch self {
        case .received(let index, _), .receivedClosed(let index), .sent(let index), .sendClosed(let index): index
        case .timedOut, .cancelled: nil
        }
    }
}
