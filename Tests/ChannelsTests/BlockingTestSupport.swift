import Channels
import Dispatch
import Foundation
import Synchronization
import Testing

/// The blocking half of the semantics suite is table-driven: every test takes its cases from
/// the registry, so a new blocking implementation is tested by adding its registry line.
enum BlockingFlavors {
    static var all: [ChannelDescriptor] {
        ChannelRegistry.builtIn.filter { $0.kind == .blocking }
    }

    /// Capacities worth exercising: rendezvous, the smallest buffer, a small buffer, unbounded.
    static let interestingCapacities: [ChannelCapacity] = [.bounded(0), .bounded(1), .bounded(16), .unbounded]

    /// Every (implementation, capacity) pair among `capacities` that the implementation
    /// supports and that satisfies `filter`.
    static func cases(
        capacities: [ChannelCapacity] = interestingCapacities,
        where filter: (ChannelDescriptor) -> Bool = { _ in true }
    ) -> [BlockingCase] {
        all.filter(filter).flatMap { descriptor in
            capacities.filter(descriptor.supports).map { BlockingCase(descriptor: descriptor, capacity: $0) }
        }
    }

    /// Implementations that claim `.bounded(0)`.
    static var rendezvousCases: [BlockingCase] {
        cases(capacities: [.bounded(0)])
    }

}

/// One row of the table: an implementation at one capacity. Shown by name in test output.
struct BlockingCase: Sendable, CustomTestStringConvertible {
    let descriptor: ChannelDescriptor
    let capacity: ChannelCapacity

    var testDescription: String { "\(descriptor.name) capacity=\(capacity)" }

    func make<Element: Sendable>(_ type: Element.Type = Element.self) -> any BlockingChannel<Element> {
        descriptor.makeBlocking(type, capacity: capacity)!
    }
}

/// Test sizing. `make test-tsan` sets CHANNELBENCH_TSAN=1: ThreadSanitizer slows every memory
/// access down 5-15x, so message counts shrink there (the interleavings still get exercised).
enum TestScale {
    static let underTSan = ProcessInfo.processInfo.environment["CHANNELBENCH_TSAN"] == "1"

    /// `n`, or a twentieth of it (at least 200) under TSan.
    static func messages(_ n: Int) -> Int { underTSan ? max(n / 20, 200) : n }

    /// How long a blocking test may run before the watchdog declares it hung.
    static let watchdogSeconds: Double = underTSan ? 300 : 120
}

/// Runs bodies on real threads (never Swift tasks: blocking calls would starve the cooperative
/// pool) and joins them with a watchdog, so a hung implementation fails its test instead of
/// hanging the whole suite.
final class TestThreads: Sendable {
    private let group = DispatchGroup()

    func spawn(_ body: @escaping @Sendable () -> Void) {
        group.enter()
        let group = self.group
        let thread = Thread {
            body()
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Spawns `count` threads running `body(index)`.
    func spawn(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        for i in 0..<count { spawn { body(i) } }
    }

    /// Waits for every spawned thread. If they are not done within the watchdog bound, records
    /// a failure, runs `rescue` (typically `channel.close()`, to unblock them) and waits a
    /// little longer. Returns `true` if all finished in time.
    ///
    /// With a `progress` probe (a count that grows as the threads make progress, e.g. messages
    /// received), the bound is on *stalling*, not on total time: the watchdog fires only when
    /// the count has not moved for `seconds`. That is what a lost wake-up looks like (every
    /// thread parked, nothing moving), while a run that is merely slow because the whole suite
    /// shares two cores keeps going. (CI once failed a ring FIFO test that was still
    /// progressing, just slowly, when a 120 s total bound fired.)
    ///
    /// Async on purpose: the wait polls and sleeps instead of blocking a thread of Swift's
    /// small cooperative pool (2 threads here), so several hung tests time out side by side
    /// rather than one after another, and other suites keep running meanwhile.
    @discardableResult
    func join(
        within seconds: Double = TestScale.watchdogSeconds,
        progress: (@Sendable () -> Int)? = nil,
        rescue: () -> Void = {},
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> Bool {
        if await waitAll(stallLimit: seconds, progress: progress) { return true }
        let what = progress.map { "no progress for \(Int(seconds)) s (progress count \($0()))" } ?? "still blocked after \(Int(seconds)) s"
        Issue.record("threads \(what): hung (watchdog)", sourceLocation: sourceLocation)
        rescue()
        _ = await waitAll(stallLimit: 10, progress: nil)
        return false
    }

    /// `true` once every thread is done; `false` when `stallLimit` seconds pass without the
    /// threads finishing (and, with a probe, without `progress` changing).
    private func waitAll(stallLimit: Double, progress: (@Sendable () -> Int)?) async -> Bool {
        let stall = Duration.milliseconds(Int64(stallLimit * 1000))
        var deadline = MonotonicDeadline.after(stall)
        var lastProgress = progress?()
        var nap: UInt64 = 100_000 // 0.1 ms, doubling up to 10 ms
        while group.wait(timeout: .now()) != .success {
            if let progress {
                let now = progress()
                if now != lastProgress {
                    lastProgress = now
                    deadline = .after(stall)
                }
            }
            if deadline.hasPassed { return false }
            try? await Task.sleep(nanoseconds: nap)
            nap = min(nap * 2, 10_000_000)
        }
        return true
    }
}

/// Runs `body` on its own thread and returns its result; `nil` (with a recorded failure) if it
/// is still blocked when the watchdog fires. For blocking calls a broken implementation could
/// hang, so they never block the test's own (cooperative-pool) thread.
func onThread<T: Sendable>(
    within seconds: Double = TestScale.watchdogSeconds,
    rescue: () -> Void = {},
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable () -> T
) async -> T? {
    let box = ResultBox<T>()
    let threads = TestThreads()
    threads.spawn { box.set(body()) }
    guard await threads.join(within: seconds, rescue: rescue, sourceLocation: sourceLocation) else { return nil }
    return box.value
}

/// A thread-safe counter for tests.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() { value.wrappingAdd(1, ordering: .relaxed) }
    func add(_ n: Int) { value.wrappingAdd(n, ordering: .relaxed) }
    var current: Int { value.load(ordering: .acquiring) }
}

/// A one-shot flag for "has this happened yet?".
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}

/// A class payload that counts its deinits, to prove a channel releases what it holds.
final class Tracked: Sendable {
    let id: Int
    let deinits: Counter
    init(_ id: Int, deinits: Counter) {
        self.id = id
        self.deinits = deinits
    }
    deinit { deinits.increment() }
}

/// A slot one thread fills and another reads, with the hand-over synchronised by a lock.
final class ResultBox<Value: Sendable>: Sendable {
    private let storage = NSLockedValue<Value?>(nil)
    func set(_ value: Value) { storage.set(value) }
    var value: Value? { storage.get() }
}

/// A value behind an NSLock (used instead of `Mutex` so the suite itself does not depend on
/// the TSan suppression for stdlib `Mutex`).
final class NSLockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func update<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}

/// Holds a handle until a thread takes it, so the handle is released when that thread is done
/// with it (a closure capture would keep it alive as long as the closure).
final class HandOver<Value: Sendable>: Sendable {
    private let storage: NSLockedValue<Value?>
    init(_ value: Value) { storage = NSLockedValue(value) }
    func take() -> Value? { storage.update { v in defer { v = nil }; return v } }
}

/// Sleeps the calling thread; used only to give other threads the chance to block, never
/// as a timing assertion.
func pause(milliseconds: Int) {
    usleep(UInt32(milliseconds) * 1000)
}

struct DeliveryReport {
    var received = 0
    var missing = 0
    var duplicated = 0
    var reordered = 0
}

/// Producer `p` sends `p * perProducer + i`; consumers record what they get; then every value
/// is checked to have been seen exactly once. The channel is closed when all producers finish.
func runExactlyOnce(_ c: BlockingCase, producers: Int, consumers: Int, perProducer: Int) async -> DeliveryReport {
    let channel = c.make(Int.self)
    let total = producers * perProducer
    let collected = NSLockedValue<[[Int]]>([])
    let producersLeft = Counter()
    let reordered = Counter()
    // Bumped every 1024 receives: the watchdog's progress probe, cheap enough for the hot loop.
    let progress = Counter()
    let threads = TestThreads()
    threads.spawn(consumers) { _ in
        var mine: [Int] = []
        mine.reserveCapacity(total / consumers + 16)
        var lastFromProducer = [Int](repeating: -1, count: producers)
        while let value = channel.receive() {
            let p = value / perProducer
            if value <= lastFromProducer[p] { reordered.increment() }
            lastFromProducer[p] = value
            mine.append(value)
            if mine.count & 1023 == 0 { progress.increment() }
        }
        collected.update { $0.append(mine) }
    }
    threads.spawn(producers) { p in
        for i in 0..<perProducer {
            do { try channel.send(p * perProducer + i) } catch { return }
        }
        producersLeft.increment()
        if producersLeft.current == producers { channel.close() }
    }
    await threads.join(progress: { progress.current }, rescue: channel.close)

    var seen = [UInt8](repeating: 0, count: total)
    var report = DeliveryReport()
    for batch in collected.get() {
        for value in batch {
            report.received += 1
            if value < 0 || value >= total { report.duplicated += 1; continue }
            if seen[value] == 1 { report.duplicated += 1 } else { seen[value] = 1 }
        }
    }
    report.missing = seen.lazy.filter { $0 == 0 }.count
    report.reordered = reordered.current
    return report
}
