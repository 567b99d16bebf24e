import ChannelBench

/// A correct (if slow) *suspending* control channel: polls a blocking ``MutantChannel``'s
/// try operations, sleeping briefly between attempts. Cancellable: a cancelled waiter stops
/// polling without having taken or placed anything. It exercises the verifier's task driver,
/// its thread-to-task bridge and the cancellation check. TEST TARGET ONLY.
final class PollingAsyncChannel<Element: Sendable>: TimedSuspendingChannel {
    private let base: MutantChannel<Element>
    init(capacity: ChannelCapacity) { base = MutantChannel(capacity: capacity, bug: .none) }

    var capacity: ChannelCapacity { base.capacity }
    var count: Int { base.count }
    var isClosed: Bool { base.isClosed }
    func close() { base.close() }
    func trySend(_ element: Element) -> TrySendResult { base.trySend(element) }
    func tryReceive() -> TryReceiveResult<Element> { base.tryReceive() }

    private func nap() async { try? await Task.sleep(for: .microseconds(50)) }

    func send(_ element: Element) async throws {
        while true {
            switch base.trySend(element) {
            case .sent: return
            case .closed: throw ChannelClosedError()
            case .full:
                try Task.checkCancellation()
                await nap()
            }
        }
    }

    func receive() async -> Element? {
        while true {
            switch base.tryReceive() {
            case .value(let v): return v
            case .closed: return nil
            case .empty:
                if Task.isCancelled { return nil }
                await nap()
            }
        }
    }

    func send(_ element: Element, timeout: Duration) async -> SendTimeoutResult {
        let deadline = MonotonicDeadline.after(timeout)
        while true {
            switch base.trySend(element) {
            case .sent: return .sent
            case .closed: return .closed
            case .full:
                if deadline.hasPassed { return .timedOut }
                await nap()
            }
        }
    }

    func receive(timeout: Duration) async -> ReceiveTimeoutResult<Element> {
        let deadline = MonotonicDeadline.after(timeout)
        while true {
            switch base.tryReceive() {
            case .value(let v): return .value(v)
            case .closed: return .closed
            case .empty:
                if deadline.hasPassed { return .timedOut }
                await nap()
            }
        }
    }
}

struct PollingAsyncMaker: SuspendingChannelMaker {
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any SuspendingChannel<Element> {
        PollingAsyncChannel<Element>(capacity: capacity)
    }

    static let descriptor = ChannelDescriptor(
        name: "async-control", family: "test-mutant", summary: "polling async control channel",
        supportsRendezvous: false, supportsBounded: true, supportsUnbounded: true,
        cancellation: .stopsWaiting, maker: .suspending(PollingAsyncMaker()))
}
