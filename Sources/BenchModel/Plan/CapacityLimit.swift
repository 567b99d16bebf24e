import Foundation
import Channels

/// The largest bounded capacity ChannelBench will build, checked before anything runs.
///
/// A bounded channel may reserve its whole buffer up front (the ring does: one slot per
/// element, every slot touched to initialise its stamp), and building it is outside every
/// watchdog: `--capacity 1099511627776` grew the resident set until the machine died, and
/// 2^62 overflowed the slot arithmetic. So a capacity is refused unless it is at most 2^26
/// (67,108,864: far beyond any capacity that changes a channel's behaviour) *and* a full buffer
/// of its messages fits in a quarter of physical memory.
package enum CapacityLimit {
    /// The fixed ceiling, 2^26 elements.
    package static let maximumElements = 1 << 26

    /// Bytes one buffered message is reckoned to take: the payload (inline, or its heap
    /// box) plus a slot's bookkeeping.
    static func bytesPerElement(messageBytes: Int) -> Int { messageBytes + 16 }

    /// A quarter of physical memory.
    static var memoryBudget: Int { Int(min(ProcessInfo.processInfo.physicalMemory / 4, UInt64(Int.max))) }

    /// The largest capacity allowed for messages of `messageBytes`.
    package static func maximum(messageBytes: Int) -> Int {
        min(maximumElements, memoryBudget / bytesPerElement(messageBytes: max(messageBytes, 1)))
    }

    /// Throws ``BenchInputError/capacityTooLarge(capacity:messageBytes:limit:)`` for a bounded
    /// capacity above ``maximum(messageBytes:)``.
    package static func check(_ capacity: ChannelCapacity, messageBytes: Int) throws(BenchInputError) {
        guard case .bounded(let n) = capacity else { return }
        let limit = maximum(messageBytes: messageBytes)
        if n > limit { throw .capacityTooLarge(capacity: n, messageBytes: messageBytes, limit: limit) }
    }
}
