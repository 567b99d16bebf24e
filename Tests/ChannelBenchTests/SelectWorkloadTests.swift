import Synchronization
import Testing
import Channels
@testable import BenchSupport
@testable import BenchModel
@testable import BenchEngine

/// A plug-in's selectable channel: a condvar channel behind the registry's existential, whose
/// `trySend` (the select's only way to send) drops every `dropEvery`-th element while
/// reporting it sent (never when `dropEvery` is 0).
final class ForwardingSelectableChannel<Element: Sendable>: SelectableChannel, @unchecked Sendable {
    let inner: CondvarChannel<Element>
    let dropEvery: Int
    private let trySends = Atomic<Int>(0)

    init(capacity: ChannelCapacity, dropEvery: Int) {
        inner = CondvarChannel(capacity: capacity)
        self.dropEvery = dropEvery
    }

    var capacity: ChannelCapacity { inner.capacity }
    var count: Int { inner.count }
    var isClosed: Bool { inner.isClosed }
    var acceptsSelect: Bool { inner.acceptsSelect }
    func send(_ element: Element) throws(ChannelClosedError) { try inner.send(element) }
    func trySend(_ element: Element) -> TrySendResult {
        let n = trySends.wrappingAdd(1, ordering: .relaxed).newValue
        if dropEvery > 0, n % dropEvery == 0, !inner.isClosed { return .sent }
        return inner.trySend(element)
    }
    func send(_ element: Element, timeout: Duration) -> SendTimeoutResult { inner.send(element, timeout: timeout) }
    func receive() -> Element? { inner.receive() }
    func tryReceive() -> TryReceiveResult<Element> { inner.tryReceive() }
    func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> { inner.receive(timeout: timeout) }
    func close() { inner.close() }
    func registerSelect(_ waiter: SelectWaiter, for side: SelectSide) -> Bool { inner.registerSelect(waiter, for: side) }
    func unregisterSelect(_ waiter: SelectWaiter, for side: SelectSide) { inner.unregisterSelect(waiter, for: side) }
}

struct ForwardingSelectableMaker: BlockingChannelMaker {
    let dropEvery: Int
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any BlockingChannel<Element> {
        ForwardingSelectableChannel<Element>(capacity: capacity, dropEvery: dropEvery)
    }
}

/// `select_rx` and `select_both`: crossbeam's select benchmarks, one channel per producer,
/// checked by the oracle (exactly once; FIFO per producer and channel).
@Suite(.serialized) struct SelectWorkloadTests {
    static func plugIn(_ name: String, dropEvery: Int) -> ChannelDescriptor {
        ChannelDescriptor(name: name, family: "test", summary: "selectable test channel", supportsRendezvous: false,
                          supportsBounded: true, supportsUnbounded: true, select: .blocking,
                          maker: .blocking(ForwardingSelectableMaker(dropEvery: dropEvery)))
    }

    func session(_ dir: String, implementations: [ChannelDescriptor], capacities: [ChannelCapacity],
                 genericPath: Bool = false) throws -> RunSession.Outcome {
        let m = try RunMatrix([RunParameters(implementations: implementations.map(\.name), workloads: [.selectRx, .selectBoth],
                                             producers: [3], consumers: [1, 2], capacities: capacities, messages: 3000,
                                             modes: [.throughput, .latency])],
                              available: implementations)
        return try RunSession(matrix: m, options: RunOptions(repetitions: 1, warmup: 0, specializeBuiltIns: !genericPath),
                              parameters: "test", resultsDirectory: dir, progress: ProgressReporter(quiet: true)).execute()
    }

    @Test(arguments: [false, true])
    func everySelectableFlavorPassesTheOracle(genericPath: Bool) throws {
        try withScratchDirectory { dir in
            let outcome = try session(dir, implementations: BenchImplementations.all,
                                      capacities: [.bounded(1), .bounded(16), .unbounded], genericPath: genericPath)
            #expect(outcome.exitStatus == RunSession.exitSuccess)
            for r in outcome.results {
                #expect(r.verified, "\(r.configuration): \(r.failure ?? "")")
                #expect(r.configuration.implementation.selectable(at: r.configuration.capacity))
            }
            let ran = Set(outcome.results.map(\.configuration.implementation.name))
            let selectable = Set(BenchImplementations.all.filter(\.selectable).map(\.name))
            #expect(ran == selectable)
            #expect(ran.isSuperset(of: ["condvar", "ring"]))
        }
    }

    @Test func aPlugInsSelectableChannelRunsAndItsLossIsCaught() throws {
        try withScratchDirectory { dir in
            let good = Self.plugIn("test-select-good", dropEvery: 0)
            let lossy = Self.plugIn("test-select-lossy", dropEvery: 1000)
            let outcome = try session(dir, implementations: [good, lossy], capacities: [.bounded(16)])
            let byName = Dictionary(grouping: outcome.results, by: \.configuration.implementation.name)
            #expect(byName["test-select-good"]?.allSatisfy(\.verified) == true)
            // Every select_both run sends through trySend; select_rx producers use plain send.
            let lossyBoth = byName["test-select-lossy"]?.filter { $0.configuration.workload == .selectBoth } ?? []
            #expect(!lossyBoth.isEmpty)
            for r in lossyBoth { #expect(!r.verified && r.lostMessages > 0, "\(r.configuration)") }
        }
    }

    @Test func flavorsThatCannotSelectAreSkippedWithAReason() throws {
        let named = { (name: String) in try #require(BenchImplementations.all.first { $0.name == name }) }
        func config(_ d: ChannelDescriptor, _ capacity: ChannelCapacity) -> RunConfiguration {
            RunConfiguration(implementation: d, workload: .selectRx, producers: 4, consumers: 1, capacity: capacity,
                             messageBytes: 8, messages: 400)
        }
        #expect(config(try named("dispatch"), .bounded(16)).unsupportedReason?.contains("dispatch cannot take part in a select") == true)
        #expect(config(try named("null"), .unbounded).unsupportedReason?.contains("cannot take part in a select") == true)
        #expect(config(try named("condvar"), .bounded(0)).unsupportedReason?.contains("at capacity 0") == true)
        #expect(config(try named("condvar"), .bounded(16)).unsupportedReason == nil)
        #expect(Workload(rawValue: "select_rx") == .selectRx && Workload(rawValue: "select_both") == .selectBoth)
    }
}
