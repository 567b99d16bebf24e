import Synchronization
import Channels

/// The `null` baseline: *no channel at all*. The engine recognises the `baseline` family and
/// hands each message from the producer straight to the consumer-side bookkeeping on the same
/// thread (stamp, clock reads, oracle, histogram). Its ns/msg is therefore the harness's own
/// per-message cost — the floor under every other row.
///
/// The type exists so the descriptor has a maker like every other implementation; used as a
/// channel it accepts and discards every message (it never blocks, and `receive` returns `nil`
/// once closed), which is why the engine never routes real traffic through it.
package final class NullChannel<Element: Sendable>: BlockingChannel {
    package let capacity: ChannelCapacity
    private let closed = Atomic<Bool>(false)

    package init(capacity: ChannelCapacity) { self.capacity = capacity }

    package var count: Int { 0 }
    package var isClosed: Bool { closed.load(ordering: .acquiring) }

    package func send(_ element: Element) throws(ChannelClosedError) {
        if isClosed { throw ChannelClosedError() }
    }
    package func trySend(_ element: Element) -> TrySendResult { isClosed ? .closed : .sent }
    package func send(_ element: Element, timeout: Duration) -> SendTimeoutResult { isClosed ? .closed : .sent }
    package func receive() -> Element? { nil }
    package func tryReceive() -> TryReceiveResult<Element> { isClosed ? .closed : .empty }
    package func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> { isClosed ? .closed : .timedOut }
    package func close() { closed.store(true, ordering: .releasing) }
}

package struct NullChannelMaker: BlockingChannelMaker {
    package func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any BlockingChannel<Element> {
        NullChannel<Element>(capacity: capacity)
    }
}

/// The implementations `chanbench run` can select: the `null` baseline plus everything in
/// ``ChannelRegistry/all`` (built-in flavors and user-registered ones).
package enum BenchImplementations {
    /// The harness-floor baseline (family `baseline`).
    package static let null = ChannelDescriptor(
        name: "null", family: "baseline",
        summary: "no channel: producer hands each message straight to the consumer bookkeeping (harness floor)",
        supportsRendezvous: true, supportsBounded: true, minimumBoundedCapacity: 1,
        supportsUnbounded: true, maker: .blocking(NullChannelMaker()))

    /// The async engine's floor (family `baseline`): ``null`` on tasks, through the suspending
    /// driver's producer loop (see ``AsyncDirectEngine``).
    package static let nullAsync = ChannelDescriptor(
        name: "null-async", family: "baseline",
        summary: "no channel, on tasks: each awaited send goes straight to the consumer bookkeeping (async engine floor)",
        supportsRendezvous: true, supportsBounded: true, minimumBoundedCapacity: 1,
        supportsUnbounded: true, maker: .suspending(NullAsyncChannelMaker()))

    package static var all: [ChannelDescriptor] {
        [null, nullAsync] + ChannelRegistry.all.filter { $0.name != "null" && $0.name != "null-async" }
    }

    /// `true` for the baseline, which the engine runs without a channel.
    static func isBaseline(_ d: ChannelDescriptor) -> Bool { d.family == "baseline" }
}
