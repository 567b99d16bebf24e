import Channels
import Testing

/// The blocking select's test table: every built-in that declares it can be selected over, at
/// the capacities its descriptor allows a select at.
enum SelectFlavors {
    static let capacities: [ChannelCapacity] = [.bounded(1), .bounded(16), .unbounded]

    static var cases: [BlockingCase] {
        BlockingFlavors.cases(capacities: capacities) { $0.select != .unsupported }
            .filter { $0.descriptor.selectable(at: $0.capacity) }
    }
}

extension BlockingCase {
    /// The channel as a ``SelectableChannel``; a flavor whose descriptor claims select but
    /// whose channel does not conform fails here.
    func makeSelectable<Element: Sendable>(_ type: Element.Type = Element.self) -> any SelectableChannel<Element> {
        make(type) as! any SelectableChannel<Element>
    }

    /// `count` channels of this case.
    func makeSelectable<Element: Sendable>(_ count: Int, of type: Element.Type = Element.self) -> [any SelectableChannel<Element>] {
        (0..<count).map { _ in makeSelectable(type) }
    }
}

/// What a select's handler saw: which operation (by the order it was added) and what it got.
enum SelectOutcome: Equatable, Sendable {
    case received(channel: Int, value: Int?)
    case sent(channel: Int, closed: Bool)
}

/// A select receiving from every channel of `channels`, in order, reporting which one.
func receiveSelect(_ channels: [any SelectableChannel<Int>], seed: UInt64? = nil) -> Select<SelectOutcome> {
    var select = seed.map { Select<SelectOutcome>(seed: $0) } ?? Select<SelectOutcome>()
    for (i, channel) in channels.enumerated() {
        select.receive(from: channel) { .received(channel: i, value: $0) }
    }
    return select
}

/// Adds a send of `value` to each of `channels`; operation numbers continue after `offset`.
func addSends(_ select: inout Select<SelectOutcome>, _ value: Int, to channels: [any SelectableChannel<Int>], offset: Int = 0) {
    for (i, channel) in channels.enumerated() {
        select.send(value, to: channel) { result in
            if case .failure = result { return .sent(channel: offset + i, closed: true) }
            return .sent(channel: offset + i, closed: false)
        }
    }
}

/// Elements buffered across `channels` right now.
func bufferedCount(_ channels: [any SelectableChannel<Int>]) -> Int {
    channels.reduce(0) { $0 + $1.count }
}
