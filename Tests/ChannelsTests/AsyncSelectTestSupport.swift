@testable import Channels

/// What a test select's handler reports: which operation ran and what it saw.
enum Picked: Equatable, Sendable {
    case received(channel: Int, element: Int?)
    case sent(channel: Int)
    case sendFailed(channel: Int)
}

extension AsyncSelect where Value == Picked {
    /// Adds a receive from each of `channels`, reporting the channel's position.
    mutating func receive(fromEach channels: [ActorChannel<Int>]) {
        for (i, channel) in channels.enumerated() {
            receive(from: channel) { .received(channel: i, element: $0) }
        }
    }

    /// Adds a send of `element` to each of `channels`, reporting the channel's position.
    mutating func send(_ element: Int, toEach channels: [ActorChannel<Int>]) {
        for (i, channel) in channels.enumerated() {
            send(element, to: channel) { result in
                switch result {
                case .success: .sent(channel: i)
                case .failure: .sendFailed(channel: i)
                }
            }
        }
    }
}

/// Every wait queue of every channel is empty: no select left a waiter behind.
func noWaitersLeft(_ channels: [ActorChannel<Int>]) -> Bool {
    channels.allSatisfy {
        $0.waiterCounts == ActorChannelWaiterCounts(senders: 0, receivers: 0, selectingSenders: 0, selectingReceivers: 0)
    }
}

/// Takes everything buffered without waiting.
func drainNow(_ channel: ActorChannel<Int>) -> [Int] {
    var out: [Int] = []
    while case .value(let e) = channel.tryReceive() { out.append(e) }
    return out
}

/// How a test select ended, errors folded in so tasks and watchdog bodies need not throw.
enum AsyncSelectOutcome: Equatable, Sendable {
    case picked(Picked)
    case timedOut
    case cancelled
}

extension AsyncSelect where Value == Picked {
    func outcome() async -> AsyncSelectOutcome {
        do { return .picked(try await wait()) } catch { return .cancelled }
    }

    func outcome(timeout: Duration) async -> AsyncSelectOutcome {
        do { return try await wait(timeout: timeout).map(AsyncSelectOutcome.picked) ?? .timedOut } catch { return .cancelled }
    }
}
