/// One operation of a ``Select``, type-erased over its channel and element: what the select
/// engine needs to try it, and to register and unregister it on its channel.
struct SelectOperation<Output> {
    /// Performs the operation if it can complete without blocking and returns the handler's
    /// result; `nil` when it would block (nothing performed).
    let attempt: () -> Output?
    let register: (SelectWaiter) -> Bool
    let unregister: (SelectWaiter) -> Void

    static func receive<C: SelectableChannel>(
        from channel: C, _ handler: @escaping (C.Element?) -> Output
    ) -> SelectOperation {
        SelectOperation(
            attempt: {
                switch channel.tryReceive() {
                case .value(let element): return handler(element)
                case .closed: return handler(nil)
                case .empty: return nil
                }
            },
            register: { channel.registerSelect($0, for: .receive) },
            unregister: { channel.unregisterSelect($0, for: .receive) })
    }

    static func send<C: SelectableChannel>(
        _ element: C.Element, to channel: C,
        _ handler: @escaping (Result<Void, ChannelClosedError>) -> Output
    ) -> SelectOperation {
        SelectOperation(
            attempt: {
                switch channel.trySend(element) {
                case .sent: return handler(.success(()))
                case .closed: return handler(.failure(ChannelClosedError()))
                case .full: return nil
                }
            },
            register: { channel.registerSelect($0, for: .send) },
            unregister: { channel.unregisterSelect($0, for: .send) })
    }
}
