extension ChannelDescriptor {
    /// Whether a channel can be one of several that a `select` waits on at once (crossbeam's
    /// `select!`, Go's `select`). Optional for plug-ins: the harness and the checks never select
    /// over a channel that says ``unsupported``.
    public enum SelectParticipation: Sendable, Equatable {
        /// The channel cannot take part in a select.
        case unsupported
        /// A blocking channel that takes part in the blocking select.
        case blocking
        /// A suspending channel that takes part in the async select.
        case async
    }

    /// The channel can take part in a select of its kind.
    public var selectable: Bool { select != .unsupported }
}
