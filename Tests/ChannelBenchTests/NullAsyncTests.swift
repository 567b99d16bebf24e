import Testing
import Channels
@testable import BenchSupport
@testable import BenchModel
@testable import BenchEngine

/// `null-async`, the async engine's floor: every workload runs on tasks through the suspending
/// driver, is checked by the oracle, and carries no channel.
@Suite(.serialized) struct NullAsyncTests {
    func run(_ w: Workload, p: Int = 1, c: Int = 1, mode: MeasurementMode) -> RunResult {
        let config = RunConfiguration(implementation: BenchImplementations.nullAsync, workload: w, producers: p, consumers: c,
                                      capacity: .unbounded, messageBytes: 8, messages: 8000, mode: mode)
        return BenchmarkRunner(options: RunOptions(repetitions: 1, warmup: 0, runTimeoutSeconds: 60)).runOnce(config, repetition: 1)
    }

    @Test(arguments: [(Workload.seq, 1, 1), (.spsc, 1, 1), (.mpsc, 4, 1), (.mpmc, 4, 4), (.pingpong, 1, 1)])
    func everyWorkloadVerifiesOnTasks(_ w: Workload, _ p: Int, _ c: Int) throws {
        for mode in MeasurementMode.allCases {
            let r = run(w, p: p, c: c, mode: mode)
            #expect(r.verified, "\(w) \(mode): \(r.failure ?? "")")
            #expect(r.configuration.driver == "tasks")
            let m = try #require(r.metrics)
            #expect((m.latency != nil) == (mode == .latency))
        }
    }

    @Test func isSelectableAndNotVerifiable() throws {
        #expect(BenchImplementations.all.map(\.name).prefix(2) == ["null", "null-async"])
        #expect(ChannelRegistry.named("null-async") == nil)
        let m = try RunMatrix([RunParameters(implementations: ["null-async"])], available: BenchImplementations.all)
        #expect(!m.configurations.isEmpty && m.configurations.allSatisfy { $0.implementation.kind == .async })
    }
}
