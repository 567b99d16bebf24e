
extension ChannelDescriptor {
    /// `actor`: ``ActorChannel``, a Swift actor with a buffer and continuation queues.
    public static let actor = ChannelDescriptor(
        name: "actor",
        family: "actor",
        summary: "Swift actor holding a Deque buffer and FIFO queues of suspended senders/receivers; bounded (incl. rendezvous) and unbounded, cancellable, try/timeout, async select",
        supportsRendezvous: true,
        supportsBounded: true,
        minimumBoundedCapacity: 1,
        supportsUnbounded: true,
        cancellation: .stopsWaiting,
        select: .async,
        maker: .suspending(BuiltInSuspendingMaker(flavor: .actor))
    )
}
