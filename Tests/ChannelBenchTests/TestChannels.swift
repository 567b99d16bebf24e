import Foundation
import Channels

/// A simple, correct blocking channel for the engine's tests (NSCondition + array; bounded
/// n >= 1 or unbounded). Mutants below break one invariant each.
class TestQueueChannel<Element: Sendable>: BlockingChannel, @unchecked Sendable {
    let capacity: ChannelCapacity
    let cond = NSCondition()
    var buffer: [Element] = []
    var head = 0
    var closed = false
    var sends = 0

    init(capacity: ChannelCapacity) { self.capacity = capacity }

    var count: Int { cond.lock(); defer { cond.unlock() }; return buffer.count - head }
    var isClosed: Bool { cond.lock(); defer { cond.unlock() }; return closed }

    /// Hook for mutants: returns the elements to append for one send (normally `[e]`).
    func transform(_ e: Element, sendIndex: Int) -> [Element] { [e] }

    func send(_ element: Element) throws(ChannelClosedError) {
        cond.lock()
        defer { cond.unlock() }
        while !closed, let limit = capacity.limit, buffer.count - head >= limit { cond.wait() }
        if closed { throw ChannelClosedError() }
        sends += 1
        buffer += transform(element, sendIndex: sends)
        cond.broadcast()
    }

    func trySend(_ element: Element) -> TrySendResult {
        do { try send(element) } catch { return .closed }
        return .sent
    }

    func send(_ element: Element, timeout: Duration) -> SendTimeoutResult {
        trySend(element) == .sent ? .sent : .closed
    }

    func receive() -> Element? {
        cond.lock()
        defer { cond.unlock() }
        while head == buffer.count && !closed { cond.wait() }
        guard head < buffer.count else { return nil }
        let e = buffer[head]
        head += 1
        if head > 4096 && head * 2 > buffer.count {
            buffer.removeFirst(head)
            head = 0
        }
        cond.broadcast()
        return e
    }

    func tryReceive() -> TryReceiveResult<Element> {
        cond.lock()
        defer { cond.unlock() }
        if head < buffer.count { let e = buffer[head]; head += 1; cond.broadcast(); return .value(e) }
        return closed ? .closed : .empty
    }

    func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> {
        receive().map { .value($0) } ?? .closed
    }

    func close() {
        cond.lock()
        closed = true
        cond.broadcast()
        cond.unlock()
    }
}

/// Drops every 1000th message (and reports it sent).
final class DroppingChannel<Element: Sendable>: TestQueueChannel<Element>, @unchecked Sendable {
    override func transform(_ e: Element, sendIndex: Int) -> [Element] { sendIndex % 1000 == 0 ? [] : [e] }
}

/// Delivers every 1000th message twice.
final class DuplicatingChannel<Element: Sendable>: TestQueueChannel<Element>, @unchecked Sendable {
    override func transform(_ e: Element, sendIndex: Int) -> [Element] { sendIndex % 1000 == 0 ? [e, e] : [e] }
}

/// Swaps messages 500 and 501 (one producer's order broken).
final class ReorderingChannel<Element: Sendable>: TestQueueChannel<Element>, @unchecked Sendable {
    var held: Element?
    override func transform(_ e: Element, sendIndex: Int) -> [Element] {
        if sendIndex == 500 { held = e; return [] }
        if sendIndex == 501, let h = held { held = nil; return [e, h] }
        return [e]
    }
}

/// Holds one message more than its capacity, and its `count` says so from the start (the
/// monitor samples `count`; a permanent excess makes the test deterministic).
final class OverfillingChannel<Element: Sendable>: TestQueueChannel<Element>, @unchecked Sendable {
    override var count: Int { (capacity.limit ?? 0) + 1 }
    override func send(_ element: Element) throws(ChannelClosedError) {
        cond.lock()
        defer { cond.unlock() }
        while !closed, let limit = capacity.limit, buffer.count - head >= limit + 1 { cond.wait() }
        if closed { throw ChannelClosedError() }
        buffer.append(element)
        cond.broadcast()
    }
}

/// Never delivers anything until closed: a hung run the watchdog must stop.
final class StuckChannel<Element: Sendable>: TestQueueChannel<Element>, @unchecked Sendable {
    override func receive() -> Element? {
        cond.lock()
        defer { cond.unlock() }
        while !closed { cond.wait() }
        return nil
    }
}

/// A minimal correct async channel (unbounded) to exercise the task driver. An `NSLock`
/// rather than the stdlib `Mutex`, which ThreadSanitizer falsely reports.
final class TestAsyncChannel<Element: Sendable>: SuspendingChannel, @unchecked Sendable {
    let capacity: ChannelCapacity = .unbounded
    private let lock = NSLock()
    private var buffer: [Element] = []
    private var head = 0
    private var waiters: [CheckedContinuation<Element?, Never>] = []
    private var closed = false

    var count: Int { lock.withLock { buffer.count - head } }
    var isClosed: Bool { lock.withLock { closed } }

    func send(_ element: Element) async throws {
        try deliver(element)?.resume(returning: element)
    }

    /// Buffers `element`, or returns the waiting receiver to hand it to (resumed unlocked).
    private func deliver(_ element: Element) throws(ChannelClosedError) -> CheckedContinuation<Element?, Never>? {
        lock.lock()
        defer { lock.unlock() }
        if closed { throw ChannelClosedError() }
        if !waiters.isEmpty { return waiters.removeFirst() }
        buffer.append(element)
        return nil
    }

    func receive() async -> Element? {
        await withCheckedContinuation { (c: CheckedContinuation<Element?, Never>) in
            lock.lock()
            if head < buffer.count {
                let e = buffer[head]
                head += 1
                lock.unlock()
                c.resume(returning: e)
            } else if closed {
                lock.unlock()
                c.resume(returning: nil)
            } else {
                waiters.append(c)
                lock.unlock()
            }
        }
    }

    func close() {
        lock.lock()
        closed = true
        let w = waiters
        waiters = []
        lock.unlock()
        for c in w { c.resume(returning: nil) }
    }
}

struct Maker<C: BlockingChannelMakerKind>: BlockingChannelMaker {
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any BlockingChannel<Element> {
        C.make(type, capacity: capacity)
    }
}

protocol BlockingChannelMakerKind: Sendable {
    static func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any BlockingChannel<Element>
}

enum GoodKind: BlockingChannelMakerKind {
    static func make<E: Sendable>(_ t: E.Type, capacity: ChannelCapacity) -> any BlockingChannel<E> { TestQueueChannel<E>(capacity: capacity) }
}
enum DroppingKind: BlockingChannelMakerKind {
    static func make<E: Sendable>(_ t: E.Type, capacity: ChannelCapacity) -> any BlockingChannel<E> { DroppingChannel<E>(capacity: capacity) }
}
enum DuplicatingKind: BlockingChannelMakerKind {
    static func make<E: Sendable>(_ t: E.Type, capacity: ChannelCapacity) -> any BlockingChannel<E> { DuplicatingChannel<E>(capacity: capacity) }
}
enum ReorderingKind: BlockingChannelMakerKind {
    static func make<E: Sendable>(_ t: E.Type, capacity: ChannelCapacity) -> any BlockingChannel<E> { ReorderingChannel<E>(capacity: capacity) }
}
enum OverfillingKind: BlockingChannelMakerKind {
    static func make<E: Sendable>(_ t: E.Type, capacity: ChannelCapacity) -> any BlockingChannel<E> { OverfillingChannel<E>(capacity: capacity) }
}
enum StuckKind: BlockingChannelMakerKind {
    static func make<E: Sendable>(_ t: E.Type, capacity: ChannelCapacity) -> any BlockingChannel<E> { StuckChannel<E>(capacity: capacity) }
}

struct AsyncMaker: SuspendingChannelMaker {
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any SuspendingChannel<Element> {
        TestAsyncChannel<Element>()
    }
}

/// Descriptors for the test channels (never in the product registry).
enum TestDescriptors {
    static func blocking<K: BlockingChannelMakerKind>(_ name: String, _ kind: K.Type,
                                                      delivery: ChannelDescriptor.Delivery = .exactlyOnce) -> ChannelDescriptor {
        ChannelDescriptor(name: name, family: "test", summary: "test channel", supportsRendezvous: false,
                          supportsBounded: true, supportsUnbounded: true, delivery: delivery, maker: .blocking(Maker<K>()))
    }
    static let good = blocking("test-good", GoodKind.self)
    static let dropping = blocking("test-dropping", DroppingKind.self)
    static let droppingLossy = blocking("test-dropping-lossy", DroppingKind.self, delivery: .lossy(.uncounted))
    static let duplicating = blocking("test-duplicating", DuplicatingKind.self)
    static let reordering = blocking("test-reordering", ReorderingKind.self)
    static let overfilling = blocking("test-overfilling", OverfillingKind.self)
    static let stuck = blocking("test-stuck", StuckKind.self)
    static let async = ChannelDescriptor(name: "test-async", family: "test", summary: "test async channel",
                                         supportsRendezvous: false, supportsBounded: false, supportsUnbounded: true,
                                         tryAndTimeout: .unsupported, maker: .suspending(AsyncMaker()))
    static let all = [good, dropping, droppingLossy, duplicating, reordering, overfilling, stuck, async]
}
