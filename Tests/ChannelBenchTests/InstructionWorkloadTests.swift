import Foundation
import Testing
import Channels
@testable import BenchSupport
@testable import BenchModel
@testable import BenchEngine

/// try-pingpong, the single-threaded workload `make bench-instructions` counts beside seq: every
/// flavor's trySend/tryReceive round trip, checked by the oracle like any other workload.
@Suite(.serialized) struct InstructionWorkloadTests {
    /// Every implementation, both modes, at capacity 1 and unbounded; the session's outcome.
    func tryPingpongSession(_ dir: String, capacities: [ChannelCapacity]) throws -> RunSession.Outcome {
        let m = try RunMatrix([RunParameters(implementations: BenchImplementations.all.map(\.name), workloads: [.tryPingpong],
                                             producers: [1], consumers: [1], capacities: capacities, messages: 2000,
                                             modes: [.throughput, .latency])],
                              available: BenchImplementations.all)
        let session = RunSession(matrix: m, options: RunOptions(repetitions: 1, warmup: 0), parameters: "test",
                                 resultsDirectory: dir, progress: ProgressReporter(quiet: true))
        return try session.execute()
    }

    @Test func everyFlavorPassesTheOracleThroughItsTryOperations() throws {
        try withScratchDirectory { dir in
            let outcome = try tryPingpongSession(dir, capacities: [.bounded(1), .unbounded])
            #expect(outcome.exitStatus == RunSession.exitSuccess)
            #expect(!outcome.results.isEmpty)
            for r in outcome.results {
                #expect(r.verified, "\(r.configuration): \(r.failure ?? "")")
                #expect(r.configuration.producers == 1 && r.configuration.consumers == 1)
            }
            let file = try BenchCSVReader.read(path: outcome.paths[0])
            #expect(file.rows.allSatisfy { file.text("workload", in: $0) == "try-pingpong" })
        }
    }

    @Test func rendezvousIsSkippedWithAReason() throws {
        let c = RunConfiguration(implementation: try #require(BenchImplementations.all.first { $0.name == "condvar" }),
                                 workload: .tryPingpong, producers: 1, consumers: 1, capacity: .bounded(0),
                                 messageBytes: 8, messages: 100)
        #expect(c.unsupportedReason?.contains("try-pingpong needs a capacity of at least 1") == true)
        #expect(Workload(rawValue: "try-pingpong") == .tryPingpong)
        #expect(try ParameterParsing.workloads("try-pingpong") == [.tryPingpong])
    }

    @Test func theInjectedWorkKnobRefusesNonsense() throws {
        #expect(try InjectedWork.iterations(in: nil) == 0)
        #expect(try InjectedWork.iterations(in: "12") == 12)
        for bad in ["", "-1", "ten", "1.5"] {
            #expect(throws: BenchInputError.badEnvironment(variable: InjectedWork.variable, value: bad, expected: "a loop count >= 0")) {
                try InjectedWork.iterations(in: bad)
            }
        }
    }
}
