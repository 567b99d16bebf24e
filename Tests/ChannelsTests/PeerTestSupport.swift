import Channels
import Foundation
import Synchronization
import Testing

// Support for the Peer* suites: what Go's chan_test.go and crossbeam-channel's array, list,
// zero, iter and mpsc tests exercise that the Blocking*/Async* suites did not. Case tables come
// from the registry as everywhere else; these helpers only add capacities outside the probe
// set and handles that a test can release at a chosen point.

enum PeerCapacities {
    /// The bounded capacities the peer suites sweep: the smallest buffers, where every send
    /// meets a full ring, and sizes that are not powers of two, whose positions wrap unevenly.
    static let sweep: [ChannelCapacity] = [1, 2, 3, 4, 5, 8, 13, 19].map { .bounded($0) }
}

extension AsyncCases {
    /// Like ``cases(where:capacities:)`` but at any capacities, not only the probe set.
    static func cases(
        at capacities: [ChannelCapacity],
        where include: (ChannelDescriptor) -> Bool = { _ in true }
    ) -> [AsyncCase] {
        descriptors.filter(include).flatMap { d in
            capacities.filter(d.supports).map { AsyncCase(descriptor: d, capacity: $0) }
        }
    }
}

/// A handle pair in optionals, so a test can release each handle at a precise point (a plain
/// `let` may live to the end of the scope in debug builds).
func makeHandles<T: Sendable>(_ c: BlockingCase, of type: T.Type = T.self) -> (Sender<T>?, Receiver<T>?) {
    let (tx, rx) = try! makeChannel(of: type, implementation: c.descriptor.name, capacity: c.capacity)
    return (tx, rx)
}

/// Releases a handle held in an optional, at this point.
func release<T: AnyObject>(_ handle: inout T?) {
    handle = nil
}

/// The async counterpart of ``makeHandles(_:of:)``.
func makeAsyncHandles<T: Sendable>(_ c: AsyncCase, of type: T.Type = T.self) -> (AsyncSender<T>?, AsyncReceiver<T>?) {
    let (tx, rx) = try! makeAsyncChannel(of: type, implementation: c.name, capacity: c.capacity)
    return (tx, rx)
}

/// A rendezvous point for a fixed number of threads, met once per round, so the operations of
/// one round really overlap instead of running whole passes apart. Waiting spins briefly, then
/// yields: the threads are expected within moments, and a loaded machine only makes rounds
/// slower. ``abandon()`` releases every waiter for good (a watchdog's rescue), so a thread
/// whose partner is gone cannot spin forever.
final class RoundBarrier: Sendable {
    private let arrivals = Atomic<Int>(0)
    private let abandoned = Atomic<Bool>(false)
    private let parties: Int

    init(parties: Int) { self.parties = parties }

    /// Waits until every party has arrived for the `phase`-th time (phases count from 0 and
    /// every party passes the same sequence). Returns `false` once abandoned.
    @discardableResult
    func arriveAndWait(phase: Int) -> Bool {
        arrivals.wrappingAdd(1, ordering: .acquiringAndReleasing)
        let target = parties * (phase + 1)
        var spins = 0
        while arrivals.load(ordering: .acquiring) < target {
            if abandoned.load(ordering: .acquiring) { return false }
            spins += 1
            // Spin long enough for a running partner to arrive, so the parties leave within
            // moments of each other; yield after that, for a partner that is not running.
            if spins > 20_000 { sched_yield() }
        }
        return true
    }

    /// Burns roughly `iterations` atomic loads: a short, varying head start for one party.
    func delay(_ iterations: UInt64) {
        for _ in 0..<iterations { _ = abandoned.load(ordering: .relaxed) }
    }

    func abandon() { abandoned.store(true, ordering: .releasing) }
}

/// Blocking and (timed) async channels seen through their non-blocking operations only, which
/// are synchronous in both contracts, so one thread-based test drives either kind.
struct TryCase: Sendable, CustomTestStringConvertible {
    let descriptor: ChannelDescriptor
    let capacity: ChannelCapacity

    var testDescription: String { "\(descriptor.name) capacity=\(capacity)" }

    func make() -> TryOps {
        if let channel = descriptor.makeBlocking(Int.self, capacity: capacity) {
            return TryOps(trySend: { channel.trySend($0) }, tryReceive: { channel.tryReceive() }, close: { channel.close() })
        }
        let channel = descriptor.makeSuspending(Int.self, capacity: capacity) as! any TimedSuspendingChannel<Int>
        return TryOps(trySend: { channel.trySend($0) }, tryReceive: { channel.tryReceive() }, close: { channel.close() })
    }

    /// Every built-in offering try operations, blocking or async, at `capacities` it supports.
    static func cases(at capacities: [ChannelCapacity]) -> [TryCase] {
        ChannelRegistry.builtIn.filter(\.supportsTryAndTimeout).flatMap { d in
            capacities.filter(d.supports).map { TryCase(descriptor: d, capacity: $0) }
        }
    }
}

struct TryOps: Sendable {
    let trySend: @Sendable (Int) -> TrySendResult
    let tryReceive: @Sendable () -> TryReceiveResult<Int>
    let close: @Sendable () -> Void
}

/// A payload of size zero (crossbeam sends `()`), to catch slot arithmetic that assumes
/// elements take room.
struct ZeroSize: Sendable, Equatable {}

/// A request carrying the handle its answer goes to (Go's "channel of channels").
struct ReplyRequest: Sendable {
    let reply: Sender<Int>
    let value: Int
}

struct AsyncReplyRequest: Sendable {
    let reply: AsyncSender<Int>
    let value: Int
}
