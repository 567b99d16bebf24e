extension ChannelDescriptor {
    /// Whether a channel can be one of several that a `select` waits on at once (crossbeam's
    /// `select!`, Go's `select`). Optional for plug-ins: the harness and the checks never select
    /// over a channel that says ``unsupported``, nor over a capacity ``selectable(at:)`` refuses.
    public enum SelectParticipation: Sendable, Equatable {
        /// The channel cannot take part in a select.
        case unsupported
        /// A blocking channel that takes part in the blocking select (``Select``) at every
        /// capacity it supports.
        case blocking
        /// A blocking channel that takes part in the blocking select at every capacity it
        /// supports except 0: a rendezvous hand-off needs a partner committed to it, and a
        /// select that waits on other channels too is not (matching a select with a blocked
        /// partner *and* with another select needs the two-sided protocol Go and crossbeam
        /// have for unbuffered channels, which this channel does not implement).
        case blockingExceptRendezvous
        /// A suspending channel that takes part in the async select.
        case async
    }

    /// The channel can take part in a select of its kind (at some capacity).
    public var selectable: Bool { select != .unsupported }

    /// Whether a select may wait on this channel created with `capacity`.
    public func selectable(at capacity: ChannelCapacity) -> Bool {
        switch select {
        case .unsupported: return false
        case .blocking, .async: return true
        case .blockingExceptRendezvous: return capacity != .bounded(0)
        }
    }
}
