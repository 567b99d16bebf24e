import Testing
import Synchronization
import Foundation
import Channels

/// One async implementation at one capacity: the unit the async peer tests are
/// parameterized over, so each shows up as its own case ("actor capacity 16").
struct AsyncCase: Sendable, CustomTestStringConvertible {
    let descriptor: ChannelDescriptor
    let capacity: ChannelCapacity

    var testDescription: String { "\(descriptor.name) capacity \(capacity)" }
    var name: String { descriptor.name }

    func make<Element: Sendable>(_ type: Element.Type = Element.self) -> any SuspendingChannel<Element> {
        descriptor.makeSuspending(type, capacity: capacity)!
    }

    func makeTimed<Element: Sendable>(_ type: Element.Type = Element.self) -> any TimedSuspendingChannel<Element> {
        make(type) as! any TimedSuspendingChannel<Element>
    }

    /// The buffer limit the suite may rely on: `nil` when unbounded.
    var limit: Int? { capacity.limit }

    /// How many sends complete at once on an empty channel with no receiver: the capacity,
    /// one below the high mark for a declared watermark (the send reaching it waits), 8 when
    /// unbounded.
    var fillWithoutWaiting: Int {
        guard let limit else { return 8 }
        return descriptor.watermark.map { $0.marks(limit).high - 1 } ?? limit
    }
}

/// The async case tables, built from the registry and the capability flags: a new async
/// implementation is tested by adding its registry line, nothing here.
enum AsyncCases {
    static let descriptors = ChannelRegistry.builtIn.filter { $0.kind == .async }

    /// Capacities every case table draws from: rendezvous, the smallest buffer, a typical
    /// buffer, and unbounded.
    static let probeCapacities: [ChannelCapacity] = [.bounded(0), .bounded(1), .bounded(16), .unbounded]

    static func cases(
        where include: (ChannelDescriptor) -> Bool = { _ in true },
        capacities: (ChannelCapacity) -> Bool = { _ in true }
    ) -> [AsyncCase] {
        descriptors.filter(include).flatMap { d in
            probeCapacities.filter { d.supports($0) && capacities($0) }.map { AsyncCase(descriptor: d, capacity: $0) }
        }
    }

    static let all = cases()
    static let nonLossy = cases(where: { !$0.lossy })
    static let timed = cases(where: { $0.supportsTryAndTimeout })
    /// Capacities where a send can suspend (rendezvous or bounded), non-lossy.
    static let backpressured = cases(where: { !$0.lossy }, capacities: { $0 != .unbounded })
}

/// Runs `body` in its own task and records a failure if it has not finished after `seconds`,
/// then returns anyway, so a hang fails one test instead of stalling the whole suite. The
/// hung task is left behind (it cannot be forced to stop), and `onHang` may unstick it.
///
/// The limits are generous on purpose: they catch hangs, not slowness, and must hold under
/// ThreadSanitizer (about 10x slower) on a loaded 2-core machine, where a healthy case was
/// seen taking over 100 s.
func withWatchdog(
    _ what: String,
    seconds: Double = 300,
    onHang: @escaping @Sendable () -> Void = {},
    _ body: @escaping @Sendable () async -> Void
) async {
    let finished = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
        let resumer = ResumeOnce(continuation)
        Task {
            await body()
            resumer.resume(true)
        }
        Task {
            // Polls so the watchdog itself ends soon after the body does.
            let deadline = monotonicNanoseconds() + UInt64(seconds * 1e9)
            while monotonicNanoseconds() < deadline, !resumer.isDone {
                try? await Task.sleep(nanoseconds: 20_000_000)
            }
            resumer.resume(false)
        }
    }
    if !finished {
        Issue.record("\(what): still running after \(seconds)s — a waiter hung")
        onHang()
    }
}

/// Resumes a continuation exactly once, whichever racer gets there first.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?
    init(_ continuation: CheckedContinuation<T, Never>) { self.continuation = continuation }
    var isDone: Bool { lock.withLock { continuation == nil } }
    func resume(_ value: T) {
        let taken = lock.withLock { () -> CheckedContinuation<T, Never>? in
            defer { continuation = nil }
            return continuation
        }
        taken?.resume(returning: value)
    }
}

/// A payload that counts its live instances, to check that channels release what they hold.
final class LiveTracked: Sendable {
    let value: Int
    let live: LiveCount
    init(_ value: Int, _ live: LiveCount) {
        self.value = value
        self.live = live
        live.count.wrappingAdd(1, ordering: .relaxed)
    }
    deinit { live.count.wrappingSubtract(1, ordering: .relaxed) }
}

final class LiveCount: Sendable {
    let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .acquiring) }
}

/// Lets tasks hand results to the test body without data races. Uses `NSLock` (pthread
/// based) rather than the stdlib `Mutex`, which ThreadSanitizer does not model.
final class Collector<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func append(_ item: T) { lock.withLock { items.append(item) } }
    func append(contentsOf more: [T]) { lock.withLock { items.append(contentsOf: more) } }
    var all: [T] { lock.withLock { items } }
}

/// Yields the executor a few times and sleeps a little, so tasks started just before have
/// reached their suspension point. Used only to *arrange* a state (never to assert timing):
/// a test stays valid, if weaker, when the other task was slower.
func letOthersRun(milliseconds: UInt64 = 30) async {
    for _ in 0..<10 { await Task.yield() }
    try? await Task.sleep(nanoseconds: milliseconds * 1_000_000)
}

/// Receives until the channel reports closed-and-drained.
func drain<Element: Sendable>(_ channel: any SuspendingChannel<Element>) async -> [Element] {
    var out: [Element] = []
    while let e = await channel.receive() { out.append(e) }
    return out
}
