extension ChannelDescriptor {
    /// What a `send` that is still waiting for room when `close()` runs does. (A watermark
    /// channel's waiting sends have already buffered their elements: see
    /// ``CapacityEnforcement/watermark(_:)``.)
    public enum SendPendingAtClose: Sendable, Equatable {
        /// It throws `ChannelClosedError` and its element is never delivered: a send that
        /// returns normally always delivered.
        case fails
        /// It may return normally although its element was *not* delivered, because the
        /// underlying type resumes it without saying which (the same holds for a waiting send
        /// whose task is cancelled). Only sends that complete while the channel is open, and
        /// their task uncancelled, are known to have delivered.
        case mayReturnUndelivered
    }
}
