import Testing
import Channels
@testable import BenchSupport
@testable import BenchModel
@testable import BenchEngine

/// `select_rx` and `select_both`: crossbeam's select benchmarks, one channel per producer,
/// checked by the oracle (exactly once; FIFO per producer and channel).
@Suite(.serialized) struct SelectWorkloadTests {
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
            let good = SelectMutantBug.none.descriptor
            let lossy = SelectMutantBug.trySendDropsEveryHundredth.descriptor
            let outcome = try session(dir, implementations: [good, lossy], capacities: [.bounded(16)])
            let byName = Dictionary(grouping: outcome.results, by: \.configuration.implementation.name)
            #expect(byName[good.name]?.allSatisfy(\.verified) == true)
            // Every select_both run sends through trySend; select_rx producers use plain send.
            let lossyBoth = byName[lossy.name]?.filter { $0.configuration.workload == .selectBoth } ?? []
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
