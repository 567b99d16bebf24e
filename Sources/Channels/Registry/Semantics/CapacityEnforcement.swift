extension ChannelDescriptor {
    /// How a bounded capacity `n` limits the buffer.
    public enum CapacityEnforcement: Sendable {
        /// At most `n` messages are ever buffered: a send that would exceed `n` waits (and
        /// `trySend` reports full), so a lone producer completes exactly `n` sends into an
        /// empty channel nobody receives from. `count` never exceeds `n`.
        case hard
        /// `n` is a watermark, not a hard limit: the channel buffers an element *before*
        /// deciding whether its producer must wait, so the send that brings the level to the
        /// high mark is accepted and then waits, and each concurrently sending producer may
        /// push the buffer past the mark (see ``Watermark``). Because a waiting send's element
        /// is already buffered, a send waiting when `close()` runs may return normally, and
        /// its element is then delivered.
        case watermark(Watermark)
    }

    /// A watermark's declared slack and marks, which the verifier checks against behaviour.
    public struct Watermark: Sendable {
        /// How many messages past the limit each concurrently sending producer may add: the
        /// buffer holds at most `n + overshootPerProducer × producers`.
        public let overshootPerProducer: Int
        /// The marks for bounded capacity `n`: producers are told to wait once the level
        /// reaches `high`, and waiting producers resume once it falls below `low`.
        public let marks: @Sendable (_ capacity: Int) -> (low: Int, high: Int)

        public init(overshootPerProducer: Int, marks: @escaping @Sendable (_ capacity: Int) -> (low: Int, high: Int)) {
            self.overshootPerProducer = overshootPerProducer
            self.marks = marks
        }
    }

    /// The declared watermark, or `nil` for a hard capacity.
    public var watermark: Watermark? {
        guard case .watermark(let w) = capacityEnforcement else { return nil }
        return w
    }

    /// 0 for a hard capacity, else the watermark's overshoot per concurrent producer.
    public var capacityOvershootPerProducer: Int { watermark?.overshootPerProducer ?? 0 }
}
