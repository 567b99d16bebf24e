import Foundation
import Testing
import Channels
import BenchSupport
import BenchModel

/// What crosses between a chanbench parent and its child processes: each request and reply
/// must come back from JSON exactly as it went in, or a fork would measure something else.
@Suite struct ChildRequestTests {
    static let scenario = MemoryScenario(implementation: "condvar", capacity: .unbounded, producers: 2, messages: 60_000,
                                         messageBytes: 64, consumerDelayNanoseconds: 1_500, intervalMilliseconds: 10)

    static func roundTrip<T: Codable>(_ value: T) throws -> T {
        try ChildMessage.decode(T.self, from: ChildMessage.encode(value))
    }

    @Test func forkRequestRoundTrips() throws {
        var parameters = RunParameters(implementations: ["condvar", "ring"], workloads: [.mpsc, .pingpong],
                                       producers: [1, 3], consumers: [2], capacities: [.bounded(0), .bounded(1024), .unbounded],
                                       messageSizes: [8, 100], messages: 12_000)
        parameters.rate = 50_000
        let key = BenchConfigurationKey(impl: "ring", workload: "mpsc", producers: 3, consumers: 1,
                                        capacity: .bounded(1024), messageBytes: 100, driver: "threads", rate: "50000")
        let options = RunOptions(repetitions: 5, warmup: 2, runTimeoutSeconds: 12.5, latencySampleEvery: 1,
                                 specializeBuiltIns: false, sizing: RepetitionSizing(minimumSeconds: 0.03, maximumSeconds: 0.25),
                                 fixedMessages: [key: 48_000], fork: 3)
        let request = ChildRequest.fork(ForkRequest(parameterSets: [parameters, RunParameters()], options: options, forks: 4,
                                                    parameters: "impl=condvar,ring fork=3/4", output: "/tmp/x/fork-3.csv",
                                                    quiet: true))
        #expect(try Self.roundTrip(request) == request)
        guard case .fork(let fork) = request else { return }
        #expect(fork.label == "fork 3/4")
    }

    @Test func memoryRunRequestRoundTrips() throws {
        let request = ChildRequest.memoryRun(MemoryRunRequest(scenario: Self.scenario, directory: "results",
                                                              timestamp: "20261130T004824Z",
                                                              command: ["chanbench", "memory", "--impl", "condvar, ring"]))
        #expect(try Self.roundTrip(request) == request)
    }

    /// Capacities are spelled as in the CSV files; anything else is refused, not guessed.
    @Test func capacityTravelsAsItsCSVSpelling() throws {
        #expect(String(decoding: try ChildMessage.encode([ChannelCapacity.unbounded, .bounded(0)]), as: UTF8.self)
            == #"["unbounded","0"]"#)
        #expect(throws: DecodingError.self) { try ChildMessage.decode([ChannelCapacity].self, from: Data(#"["-1"]"#.utf8)) }
    }
}
