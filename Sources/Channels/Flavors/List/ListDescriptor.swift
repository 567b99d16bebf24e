extension ChannelDescriptor {
    /// The lock-free unbounded MPMC list (``ListChannel``): unbounded only.
    public static let list = ChannelDescriptor(
        name: "list",
        family: "lock-free",
        summary: "lock-free unbounded MPMC list of 31-slot blocks freed as they drain (crossbeam list), spin -> yield -> futex park",
        supportsRendezvous: false,
        supportsBounded: false,
        supportsUnbounded: true,
        select: .blocking,
        maker: .blocking(BuiltInBlockingMaker(flavor: .list))
    )
}
