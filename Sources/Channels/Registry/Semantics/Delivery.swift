extension ChannelDescriptor {
    /// What happens to the element of a `send` that returned normally.
    public enum Delivery: Sendable, Equatable {
        /// It is received exactly once, and each producer's messages arrive in send order.
        case exactlyOnce
        /// By design it may be dropped (a dropping buffer policy): what arrives is received at
        /// most once, in each producer's send order, and nothing arrives that was not sent.
        /// Lossy implementations are excluded from exactly-once checks and labelled in every
        /// output.
        case lossy(DropAccounting)
    }

    /// Whether a lossy channel says how many elements it dropped.
    public enum DropAccounting: Sendable, Equatable {
        /// The channel's `droppedCount` is non-nil and counts every send that returned
        /// normally without delivering, so `received + droppedCount == sent` once drained.
        case counted
        /// Drops are not counted: only "at most once, in order" can be checked.
        case uncounted
    }

    /// `true` if the channel may drop messages by design (``Delivery/lossy(_:)``).
    public var lossy: Bool { delivery != .exactlyOnce }
}
