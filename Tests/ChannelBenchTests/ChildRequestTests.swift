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

    /// Both kinds of summary row, and a figure too short to be finite, come back intact.
    @Test func memoryReplyRoundTrips() throws {
        let summary = MemoryRunSummary(scenario: Self.scenario, family: "lock", baselineBytes: 1000, peakBytes: 5000,
                                       peakQueued: 40, afterDrainBytes: 200, producerSeconds: .infinity,
                                       consumerSeconds: 1.25, delivered: 60_000, file: "results/memory-condvar-unbounded-x.csv")
        for row in [MemorySummaryRow.measured(summary, verified: false),
                    .failed(Self.scenario, family: "lock", reason: "crashed")] {
            #expect(try Self.roundTrip(row) == row)
        }
    }

    /// The parent decodes what a real process wrote on stdout, and takes nonsense for no reply.
    @Test func parentDecodesAChildsReply() throws {
        let row = MemorySummaryRow.failed(Self.scenario, family: "lock", reason: "timed out")
        let reply = String(decoding: try ChildMessage.encode(row), as: UTF8.self)
        let child = ChildProcess(tool: ["printf", "%s\n", reply])
        try child.start()
        #expect(child.wait(timeout: 30))
        #expect(child.status == 0)
        #expect(child.reply(as: MemorySummaryRow.self) == row)

        let garbled = ChildProcess(tool: ["printf", "%s\n", "condvar,lock,unbounded,64"])
        try garbled.start()
        #expect(garbled.wait(timeout: 30))
        #expect(garbled.reply(as: MemorySummaryRow.self) == nil)
    }
}
