import ChannelBench
import Foundation

/// A deliberately tiny user channel: one `NSCondition` guarding an array. Blocking, FIFO,
/// multi-producer multi-consumer, bounded (n >= 1) or unbounded; no rendezvous.
/// `@unchecked Sendable`: every mutable field is only touched with `condition` locked.
final class ConditionChannel<Element: Sendable>: BlockingChannel, @unchecked Sendable {
    let capacity: ChannelCapacity
    private let condition = NSCondition()
    private var buffer: [Element] = []
    private var closed = false

    init(capacity: ChannelCapacity) { self.capacity = capacity }

    var count: Int { condition.lock(); defer { condition.unlock() }; return buffer.count }
    var isClosed: Bool { condition.lock(); defer { condition.unlock() }; return closed }

    private var full: Bool { capacity.limit.map { buffer.count >= $0 } ?? false }

    /// Waits until `ready()` or the deadline; `condition` must be locked. `false` on timeout.
    private func wait(until deadline: Date?, _ ready: () -> Bool) -> Bool {
        while !ready() {
            if let deadline {
                if !condition.wait(until: deadline) && !ready() { return false }
            } else {
                condition.wait()
            }
        }
        return true
    }

    private func send(_ e: Element, deadline: Date?) -> SendTimeoutResult {
        condition.lock()
        defer { condition.unlock() }
        guard wait(until: deadline, { closed || !full }) else { return .timedOut }
        if closed { return .closed }
        buffer.append(e)
        condition.broadcast() // receivers and senders share one condition: wake all
        return .sent
    }

    private func receive(deadline: Date?) -> ReceiveTimeoutResult<Element> {
        condition.lock()
        defer { condition.unlock() }
        guard wait(until: deadline, { closed || !buffer.isEmpty }) else { return .timedOut }
        if buffer.isEmpty { return .closed }
        let e = buffer.removeFirst()
        condition.broadcast()
        return .value(e)
    }

    func send(_ element: Element) throws(ChannelClosedError) {
        if send(element, deadline: nil) != .sent { throw ChannelClosedError() }
    }

    func trySend(_ element: Element) -> TrySendResult {
        switch send(element, deadline: .distantPast) {
        case .sent: return .sent
        case .closed: return .closed
        case .timedOut: return .full
        }
    }

    func send(_ element: Element, timeout: Duration) -> SendTimeoutResult {
        send(element, deadline: Date(timeIntervalSinceNow: timeout.seconds))
    }

    func receive() -> Element? { receive(deadline: nil).value }

    func tryReceive() -> TryReceiveResult<Element> {
        switch receive(deadline: .distantPast) {
        case .value(let e): return .value(e)
        case .closed: return .closed
        case .timedOut: return .empty
        }
    }

    func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> {
        receive(deadline: Date(timeIntervalSinceNow: timeout.seconds))
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The factory the registry calls for each element type.
struct ConditionChannelMaker: BlockingChannelMaker {
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any BlockingChannel<Element> {
        ConditionChannel<Element>(capacity: capacity)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
