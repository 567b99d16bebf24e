extension ChannelDescriptor {
    /// What cancelling a task that waits in `send` or `receive` does (suspending channels).
    public enum Cancellation: Sendable, Equatable {
        /// Nothing is promised: a cancelled waiter may wait on, or (some adapters) end the
        /// channel or return without delivering, so the checks never cancel a waiter. Always
        /// the case for blocking channels.
        case unsupported
        /// A cancelled waiter stops waiting without losing or duplicating any element and
        /// without stalling other waiters: `send` throws `CancellationError` having delivered
        /// nothing, `receive` returns `nil` having taken nothing (see ``SuspendingChannel``).
        case stopsWaiting
    }

    /// A cancelled waiter stops waiting (``Cancellation/stopsWaiting``).
    public var cancellable: Bool { cancellation == .stopsWaiting }
}
