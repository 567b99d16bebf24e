extension ChannelDescriptor {
    /// The lock-free bounded MPMC ring (``RingChannel``): capacities >= 1 only.
    public static let ring = ChannelDescriptor(
        name: "ring",
        family: "lock-free",
        summary: "lock-free bounded MPMC ring (Vyukov/crossbeam stamps), spin -> yield -> futex park",
        supportsRendezvous: false,
        supportsBounded: true,
        minimumBoundedCapacity: 1,
        supportsUnbounded: false,
        maker: .blocking(RingChannelMaker())
    )
}

/// Makes ``RingChannel``s for the registry. The registry only passes capacities the ring
/// supports (`ChannelDescriptor.supports`); anything else is a programming error.
struct RingChannelMaker: BlockingChannelMaker {
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any BlockingChannel<Element> {
        guard case .bounded(let n) = capacity, n >= 1 else {
            preconditionFailure("ring does not support capacity \(capacity) (needs bounded(n), n >= 1)")
        }
        return RingChannel<Element>(capacity: n)
    }
}
