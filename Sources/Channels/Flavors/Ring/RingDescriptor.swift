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
        select: .blocking,
        maker: .blocking(BuiltInBlockingMaker(flavor: .ring))
    )
}
