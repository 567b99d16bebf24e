import Synchronization
import ChannelBench

/// The one bug an ``AsyncMutantChannel`` carries; `.none` is its correct control. Each bug
/// needs a particular interleaving of tasks at an await point, which is what the PCT schedule
/// explorer searches for.
enum AsyncMutantBug: String, CaseIterable, Sendable, CustomStringConvertible {
    case none
    /// A receiver that found the channel empty yields before it parks, and parks without
    /// looking again: a send in that gap buffers its element and wakes nobody.
    case lostWakeupAtAwait = "async-lost-wakeup"
    /// A receiver reads the head, yields, then removes whatever is at the head: two receivers
    /// in that gap both return the same element and one element is lost.
    case peekThenTakeRace = "async-peek-take-race"
    /// A sender checks for room, yields, then appends without looking again: senders racing
    /// in that gap overfill the buffer, and `close()` — which takes the buffer's first
    /// `capacity` elements as the ones to deliver — drops the overflow.
    case roomCheckRace = "async-room-check-race"

    var description: String { rawValue }
    static let broken: [AsyncMutantBug] = allCases.filter { $0 != .none }

    var descriptor: ChannelDescriptor {
        ChannelDescriptor(name: rawValue == "none" ? "async-mutant-control" : rawValue, family: "test-mutant",
                          summary: "continuation-based async channel, bug: \(rawValue)",
                          supportsRendezvous: false, supportsBounded: true, supportsUnbounded: true,
                          tryAndTimeout: .unsupported, maker: .suspending(AsyncMutantMaker(bug: self)))
    }
}

struct AsyncMutantMaker: SuspendingChannelMaker {
    let bug: AsyncMutantBug
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any SuspendingChannel<Element> {
        AsyncMutantChannel<Element>(capacity: capacity, bug: bug)
    }
}

/// A small continuation-based async channel (buffer, parked receivers, parked senders under
/// one lock; continuations resumed outside it), correct unless `bug` says otherwise. No
/// rendezvous, no cancellation. TEST TARGET ONLY.
final class AsyncMutantChannel<Element: Sendable>: SuspendingChannel {
    private struct State {
        var buffer: [Element] = []
        var receivers: [CheckedContinuation<Element?, Never>] = []
        var senders: [(Element, CheckedContinuation<Void, any Error>)] = []
        var closed = false
    }

    private let state = PthreadLockedState(State())
    private let limit: Int?
    private let bug: AsyncMutantBug
    let capacity: ChannelCapacity

    init(capacity: ChannelCapacity, bug: AsyncMutantBug) {
        self.capacity = capacity
        self.limit = capacity.limit
        self.bug = bug
    }

    var count: Int { state.withLock { $0.buffer.count } }
    var isClosed: Bool { state.withLock { $0.closed } }

    func close() {
        let (receivers, senders) = state.withLock { s -> ([CheckedContinuation<Element?, Never>], [CheckedContinuation<Void, any Error>]) in
            s.closed = true
            if bug == .roomCheckRace, let limit, s.buffer.count > limit { s.buffer.removeLast(s.buffer.count - limit) }
            defer { s.receivers = []; s.senders = [] }
            return (s.receivers, s.senders.map(\.1))
        }
        for r in receivers { r.resume(returning: nil) }
        for s in senders { s.resume(throwing: ChannelClosedError()) }
    }

    /// What a send finds under the lock.
    private enum SendAction { case done, closed, handOver(CheckedContinuation<Element?, Never>), park }

    func send(_ element: Element) async throws {
        if bug == .roomCheckRace {
            let room = state.withLock { s in s.receivers.isEmpty && !s.closed && (limit.map { s.buffer.count < $0 } ?? true) }
            if room {
                await Task.yield()
                let closed = state.withLock { s in
                    if !s.closed { s.buffer.append(element) }
                    return s.closed
                }
                if closed { throw ChannelClosedError() }
                return
            }
        }
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            let action = state.withLock { s -> SendAction in
                if s.closed { return .closed }
                if !s.receivers.isEmpty { return .handOver(s.receivers.removeFirst()) }
                if limit.map({ s.buffer.count < $0 }) ?? true {
                    s.buffer.append(element)
                    return .done
                }
                s.senders.append((element, c))
                return .park
            }
            switch action {
            case .done: c.resume()
            case .closed: c.resume(throwing: ChannelClosedError())
            case .handOver(let r):
                r.resume(returning: element)
                c.resume()
            case .park: break
            }
        }
    }

    /// What a receive finds under the lock.
    private enum Take {
        /// The head, and the parked sender whose element refilled the buffer.
        case value(Element, CheckedContinuation<Void, any Error>?)
        case closed
        case empty
    }

    func receive() async -> Element? {
        switch bug {
        case .lostWakeupAtAwait:
            switch state.withLock({ takeLocked(&$0) }) {
            case .value(let v, let sender):
                sender?.resume()
                return v
            case .closed: return nil
            case .empty:
                await Task.yield()
                return await withCheckedContinuation { c in state.withLock { $0.receivers.append(c) } }
            }
        case .peekThenTakeRace:
            if let head = state.withLock({ $0.buffer.first }) {
                await Task.yield()
                let sender = state.withLock { s -> CheckedContinuation<Void, any Error>? in
                    guard !s.buffer.isEmpty else { return nil }
                    s.buffer.removeFirst()
                    return refillLocked(&s)
                }
                sender?.resume()
                return head
            }
        case .none, .roomCheckRace: break
        }
        return await withCheckedContinuation { c in
            let taken = state.withLock { s -> Take in
                let t = takeLocked(&s)
                if case .empty = t { s.receivers.append(c) }
                return t
            }
            switch taken {
            case .value(let v, let sender):
                sender?.resume()
                c.resume(returning: v)
            case .closed: c.resume(returning: nil)
            case .empty: break
            }
        }
    }

    private func takeLocked(_ s: inout State) -> Take {
        if s.buffer.isEmpty { return s.closed ? .closed : .empty }
        let v = s.buffer.removeFirst()
        return .value(v, refillLocked(&s))
    }

    private func refillLocked(_ s: inout State) -> CheckedContinuation<Void, any Error>? {
        guard !s.senders.isEmpty else { return nil }
        let (e, c) = s.senders.removeFirst()
        s.buffer.append(e)
        return c
    }
}
