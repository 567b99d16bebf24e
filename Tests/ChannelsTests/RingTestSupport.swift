import Dispatch
import Foundation
import Synchronization
import Testing

/// Runs `count` bodies on their own `Thread`s and waits for all of them, with a watchdog (see
/// ``TestThreads/join(within:progress:rescue:sourceLocation:)``): if they stop making progress
/// (or, without a `progress` probe, are not done after `watchdog`), `onHang` runs (tests pass a
/// closure that closes the channel so blocked threads return), an issue is recorded, and the
/// call still waits briefly for the threads. A bug therefore fails the test instead of hanging
/// the whole suite. Async so that waiting never blocks a cooperative-pool thread.
func runRingThreads(
    _ count: Int,
    watchdog: Double = TestScale.watchdogSeconds,
    progress: (@Sendable () -> Int)? = nil,
    onHang: () -> Void = {},
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable (Int) -> Void
) async {
    let threads = TestThreads()
    threads.spawn(count, body)
    await threads.join(within: watchdog, progress: progress, rescue: onHang, sourceLocation: sourceLocation)
}

/// Polls `condition` until it holds or `limit` passes; returns whether it held.
func eventually(within limit: Duration = .seconds(20), _ condition: () -> Bool) -> Bool {
    let end = ContinuousClock.now + limit
    while ContinuousClock.now < end {
        if condition() { return true }
        usleep(1_000)
    }
    return condition()
}

/// A payload whose instances are counted, to prove the ring neither leaks nor double-frees.
final class CountedPayload: Sendable {
    static let live = Atomic<Int>(0)
    let value: Int
    init(_ value: Int) {
        self.value = value
        CountedPayload.live.wrappingAdd(1, ordering: .relaxed)
    }
    deinit { CountedPayload.live.wrappingSubtract(1, ordering: .relaxed) }
}

/// Per-thread logs: log `i` is written only by thread `i` and read after the threads were
/// joined. Each log lives in its own object so that writers never touch shared storage
/// (mutating `[[Value]]` elements from several threads would be a real access race).
final class ThreadLog<Value: Sendable>: @unchecked Sendable {
    // @unchecked: slot `i` is written only by thread `i`; the test reads after joining.
    private final class Slot {
        var values: [Value] = []
    }
    private let slots: [Slot]

    init(threads: Int) { slots = (0..<threads).map { _ in Slot() } }

    /// Thread `i`'s log.
    subscript(i: Int) -> [Value] {
        get { slots[i].values }
        _modify { yield &slots[i].values }
    }

    /// Every thread's log, in thread order.
    var entries: [[Value]] { slots.map(\.values) }
}

/// An atomic counter that escaping thread bodies and tasks can share (a `let Atomic` cannot be captured).
final class SharedCounter: Sendable {
    private let atomic = Atomic<Int>(0)
    init() {}
    @discardableResult
    func increment() -> Int { atomic.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue }
    var value: Int { atomic.load(ordering: .acquiring) }
    /// Raises the value to at least `candidate`.
    func raise(to candidate: Int) { _ = atomic.max(candidate, ordering: .relaxed) }
}
