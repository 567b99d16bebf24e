import Foundation
import Channels

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

struct AsyncMaker: SuspendingChannelMaker {
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any SuspendingChannel<Element> {
        TestAsyncChannel<Element>()
    }
}

/// Descriptors for the engine's test channels: ``MutantChannel``s under stable names (never in
/// the product registry).
enum TestDescriptors {
    static func blocking(_ name: String, _ bug: MutantBug,
                         delivery: ChannelDescriptor.Delivery = .exactlyOnce) -> ChannelDescriptor {
        ChannelDescriptor(name: name, family: "test", summary: "test channel", supportsRendezvous: false,
                          supportsBounded: true, supportsUnbounded: true, delivery: delivery, maker: .blocking(MutantMaker(bug: bug)))
    }
    static let good = blocking("test-good", .none)
    static let dropping = blocking("test-dropping", .dropsEveryThousandth)
    static let droppingLossy = blocking("test-dropping-lossy", .dropsEveryThousandth, delivery: .lossy(.uncounted))
    static let duplicating = blocking("test-duplicating", .duplicatesEveryThousandth)
    static let reordering = blocking("test-reordering", .swapsTwoMessages)
    static let overfilling = blocking("test-overfilling", .countsOneOverCapacity)
    static let stuck = blocking("test-stuck", .neverDelivers)
    static let async = ChannelDescriptor(name: "test-async", family: "test", summary: "test async channel",
                                         supportsRendezvous: false, supportsBounded: false, supportsUnbounded: true,
                                         tryAndTimeout: .unsupported, maker: .suspending(AsyncMaker()))
    static let all = [good, dropping, droppingLossy, duplicating, reordering, overfilling, stuck, async]
}
