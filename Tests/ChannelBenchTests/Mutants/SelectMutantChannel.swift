import Synchronization
import Channels

/// Bugs a selectable plug-in channel can have, each in the part of ``SelectableChannel`` a
/// select relies on.
enum SelectMutantBug: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Correct: the control.
    case none
    /// `trySend` (the select's only way to send) reports every 100th element sent and drops it.
    case trySendDropsEveryHundredth
    /// `trySend` buffers every 50th element but reports the channel full.
    case trySendKeepsWhatItCallsFull
    /// `tryReceive` takes every 100th element and reports the channel empty.
    case tryReceiveLosesEveryHundredth
    /// `registerSelect` reports readiness but never registers: a parked select is never woken.
    case neverRegisters
    /// Registers selects that receive, not selects that send: room never wakes a select.
    case registersReceiversOnly
    /// Every other channel made reports itself empty on every other `tryReceive`.
    case oddChannelsSpuriouslyEmpty

    var description: String { rawValue }

    var descriptor: ChannelDescriptor {
        ChannelDescriptor(name: "test-select-\(rawValue)", family: "test", summary: "selectable test channel (\(rawValue))",
                          supportsRendezvous: false, supportsBounded: true, supportsUnbounded: true, select: .blocking,
                          maker: .blocking(SelectMutantMaker(bug: self)))
    }
}

/// A plug-in's selectable channel: a condvar channel behind the registry's existential,
/// broken as `bug` says.
final class SelectMutantChannel<Element: Sendable>: SelectableChannel, @unchecked Sendable {
    let inner: CondvarChannel<Element>
    let bug: SelectMutantBug
    /// Whether its maker made an odd number of channels before this one.
    let odd: Bool
    private let trySends = Atomic<Int>(0)
    private let tryReceives = Atomic<Int>(0)

    init(capacity: ChannelCapacity, bug: SelectMutantBug, odd: Bool) {
        inner = CondvarChannel(capacity: capacity)
        self.bug = bug
        self.odd = odd
    }

    var capacity: ChannelCapacity { inner.capacity }
    var count: Int { inner.count }
    var isClosed: Bool { inner.isClosed }
    var acceptsSelect: Bool { inner.acceptsSelect }
    func send(_ element: Element) throws(ChannelClosedError) { try inner.send(element) }
    func send(_ element: Element, timeout: Duration) -> SendTimeoutResult { inner.send(element, timeout: timeout) }
    func receive() -> Element? { inner.receive() }
    func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> { inner.receive(timeout: timeout) }
    func close() { inner.close() }

    func trySend(_ element: Element) -> TrySendResult {
        let n = trySends.wrappingAdd(1, ordering: .relaxed).newValue
        switch bug {
        case .trySendDropsEveryHundredth where n % 100 == 0 && !inner.isClosed:
            return .sent
        case .trySendKeepsWhatItCallsFull where n % 50 == 0:
            let result = inner.trySend(element)
            return result == .sent ? .full : result
        default:
            return inner.trySend(element)
        }
    }

    func tryReceive() -> TryReceiveResult<Element> {
        let n = tryReceives.wrappingAdd(1, ordering: .relaxed).newValue
        switch bug {
        case .tryReceiveLosesEveryHundredth where n % 100 == 0:
            if case .value = inner.tryReceive() { return .empty }
            return inner.tryReceive()
        case .oddChannelsSpuriouslyEmpty where odd && n % 2 == 0:
            return .empty
        default:
            return inner.tryReceive()
        }
    }

    func registerSelect(_ waiter: SelectWaiter, for side: SelectSide) -> Bool {
        switch bug {
        case .neverRegisters:
            return false
        case .registersReceiversOnly where side == .send:
            return false
        default:
            return inner.registerSelect(waiter, for: side)
        }
    }

    func unregisterSelect(_ waiter: SelectWaiter, for side: SelectSide) {
        switch bug {
        case .neverRegisters: return
        case .registersReceiversOnly where side == .send: return
        default: inner.unregisterSelect(waiter, for: side)
        }
    }
}

struct SelectMutantMaker: BlockingChannelMaker {
    final class Made: Sendable { let count = Atomic<Int>(0) }
    let bug: SelectMutantBug
    private let made = Made()

    init(bug: SelectMutantBug) { self.bug = bug }

    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any BlockingChannel<Element> {
        SelectMutantChannel<Element>(capacity: capacity, bug: bug, odd: made.count.wrappingAdd(1, ordering: .relaxed).oldValue % 2 == 1)
    }
}
