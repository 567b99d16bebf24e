import Channels

/// What the descriptor declares about one channel, in the terms the checks need. Checks read
/// these instead of assuming a hard-capacity, confirming, lossless channel, so a declared
/// behaviour (a watermark, a lossy buffer, an unconfirmed send on close) is checked against
/// its own promise and never silently excused for others.
extension ChannelDescriptor {
    /// How many sends a lone producer completes into an empty bounded channel with nobody
    /// receiving, before one waits: `n` for a hard capacity, one below the high mark for a
    /// watermark (the send reaching the mark is buffered, then waits). `nil` when unbounded.
    func sendsCompletingWithoutReceiver(_ capacity: ChannelCapacity) -> Int? {
        capacity.limit.map { n in
            switch capacityEnforcement {
            case .hard: return n
            case .watermark(let w): return max(0, w.marks(n).high - 1)
            }
        }
    }

    /// The drops to account for, given what a channel reported: its count when this descriptor
    /// declares ``DropAccounting/counted`` (a missing report reads as none, so a real drop
    /// fails the received + dropped == sent check), `nil` when no count is promised.
    func declaredDrops(reported: Int?) -> Int? {
        delivery == .lossy(.counted) ? (reported ?? 0) : nil
    }
}

extension ChannelUnderTest {
    /// What the channel dropped, when its descriptor promises a count (see
    /// ``ChannelDescriptor/declaredDrops(reported:)``).
    var declaredDrops: Int? { descriptor.declaredDrops(reported: droppedCount) }
}
