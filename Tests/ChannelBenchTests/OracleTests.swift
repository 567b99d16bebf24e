import Testing
import Channels
@testable import BenchSupport
@testable import BenchModel
@testable import BenchEngine
@testable import BenchVerify
@testable import BenchReport

/// The runner checks every run; deliberately broken channels must be caught, named, and
/// reported without figures.
@Suite(.serialized) struct OracleTests {
    func run(_ d: ChannelDescriptor, _ w: Workload, p: Int = 1, c: Int = 1, cap: ChannelCapacity = .bounded(64),
             size: Int = 8, messages: Int = 20_000, rate: Int? = nil, timeout: Double = 60,
             mode: MeasurementMode = .latency) -> RunResult {
        let config = RunConfiguration(implementation: d, workload: w, producers: p, consumers: c, capacity: cap,
                                      messageBytes: size, messages: messages, rate: rate, mode: mode)
        return BenchmarkRunner(options: RunOptions(repetitions: 1, warmup: 0, runTimeoutSeconds: timeout)).runOnce(config, repetition: 1)
    }

    @Test(arguments: [(Workload.spsc, 1, 1), (.mpsc, 4, 1), (.mpmc, 4, 4), (.mpmc, 3, 2), (.pingpong, 1, 1)])
    func correctChannelVerifies(_ w: Workload, _ p: Int, _ c: Int) throws {
        let r = run(TestDescriptors.good, w, p: p, c: c, messages: 12_000)
        #expect(r.verified, "\(r.failure ?? "")")
        let m = try #require(r.metrics)
        #expect(m.seconds > 0 && m.nanosecondsPerMessage > 0)
        #expect(m.latency != nil)
        #expect(r.configuration.driver == "threads")
    }

    @Test func seqVerifiesWhenTheCapacityHoldsEverything() {
        let r = run(TestDescriptors.good, .seq, cap: .unbounded, messages: 5000)
        #expect(r.verified, "\(r.failure ?? "")")
    }

    @Test(arguments: [8, 64, 256, 1024, 65536])
    func everyPayloadSizeVerifies(_ size: Int) {
        let r = run(TestDescriptors.good, .spsc, size: size, messages: 2000)
        #expect(r.verified, "\(r.failure ?? "")")
    }

    @Test func heapPayloadsAllocateAndInlineOnesDoNot() throws {
        guard JemallocStats.isAvailable else { return }  // TSan replaces the allocator
        let heap = try #require(run(BenchImplementations.null, .spsc, size: 4096, messages: 20_000).metrics)
        let inline = try #require(run(BenchImplementations.null, .spsc, size: 64, messages: 20_000).metrics)
        #expect(try #require(heap.allocationsPerMessage) >= 0.99)
        #expect(try #require(inline.allocationsPerMessage) < 0.1)
    }

    @Test func asyncChannelRunsOnTasksAndVerifies() throws {
        for (w, p, c) in [(Workload.spsc, 1, 1), (.mpmc, 4, 3), (.pingpong, 1, 1), (.seq, 1, 1)] {
            let r = run(TestDescriptors.async, w, p: p, c: c, cap: .unbounded, messages: 6000)
            #expect(r.verified, "\(w): \(r.failure ?? "")")
            #expect(r.configuration.driver == "tasks")
        }
    }

    @Test(arguments: [Workload.seq, .spsc, .mpsc, .mpmc, .pingpong])
    func nullBaselineVerifies(_ w: Workload) {
        let r = run(BenchImplementations.null, w, p: 4, c: 4, cap: .unbounded, messages: 8000)
        #expect(r.verified, "\(r.failure ?? "")")
    }

    @Test func droppingChannelFailsExactlyOnce() {
        let r = run(TestDescriptors.dropping, .mpmc, p: 4, c: 2)
        #expect(!r.verified)
        #expect(r.metrics == nil)
        #expect(r.failure?.hasPrefix("exactly-once: 20 of 20000 messages lost") == true, "\(r.failure ?? "")")
    }

    @Test func lossyImplementationMayLoseButIsCounted() {
        let r = run(TestDescriptors.droppingLossy, .mpsc, p: 4)
        #expect(r.verified, "\(r.failure ?? "")")
        #expect(r.lostMessages == 20)
    }

    @Test func duplicatingChannelFails() {
        let r = run(TestDescriptors.duplicating, .mpmc, p: 2, c: 2)
        #expect(r.failure?.hasPrefix("exactly-once:") == true && r.failure?.contains("duplicate") == true, "\(r.failure ?? "")")
    }

    @Test func duplicatesAreCaughtByLossyImplementationsToo() {
        let d = TestDescriptors.blocking("dup-lossy", .duplicatesEveryThousandth, delivery: .lossy(.uncounted))
        let r = run(d, .spsc)
        #expect(r.failure?.contains("duplicate") == true, "\(r.failure ?? "")")
    }

    @Test func reorderingChannelFailsFIFO() {
        let r = run(TestDescriptors.reordering, .spsc)
        #expect(r.failure?.hasPrefix("per-producer FIFO:") == true, "\(r.failure ?? "")")
    }

    // Throughput mode drops the clock, not the oracle: the same broken channels fail the same way.

    @Test(arguments: [(Workload.spsc, 1, 1), (.mpsc, 4, 1), (.mpmc, 4, 4), (.mpmc, 3, 2), (.pingpong, 1, 1), (.seq, 1, 1)])
    func throughputModeVerifiesWithoutLatency(_ w: Workload, _ p: Int, _ c: Int) throws {
        for d in [TestDescriptors.good, BenchImplementations.null] {
            let r = run(d, w, p: p, c: c, cap: .unbounded, messages: 12_000, mode: .throughput)
            #expect(r.verified, "\(d.name) \(w): \(r.failure ?? "")")
            let m = try #require(r.metrics)
            #expect(m.nanosecondsPerMessage > 0)
            #expect(m.latency == nil, "throughput mode must not stamp messages")
        }
    }

    @Test func throughputModeAsyncChannelVerifies() {
        for (w, p, c) in [(Workload.spsc, 1, 1), (.mpmc, 4, 3), (.pingpong, 1, 1)] {
            let r = run(TestDescriptors.async, w, p: p, c: c, cap: .unbounded, messages: 6000, mode: .throughput)
            #expect(r.verified, "\(w): \(r.failure ?? "")")
            #expect(r.metrics?.latency == nil)
        }
    }

    @Test func throughputModeCatchesLoss() {
        let r = run(TestDescriptors.dropping, .mpmc, p: 4, c: 2, mode: .throughput)
        #expect(r.metrics == nil)
        #expect(r.failure?.hasPrefix("exactly-once: 20 of 20000 messages lost") == true, "\(r.failure ?? "")")
    }

    @Test func throughputModeCatchesDuplicatesWithinAndAcrossConsumers() {
        // spsc: both copies reach the one consumer; mpmc: they may land on two consumers.
        let within = run(TestDescriptors.duplicating, .spsc, mode: .throughput)
        #expect(within.failure?.hasPrefix("exactly-once: 20 duplicates (first: duplicate: producer 0") == true,
                "\(within.failure ?? "")")
        let across = run(TestDescriptors.duplicating, .mpmc, p: 2, c: 2, mode: .throughput)
        #expect(across.failure?.hasPrefix("exactly-once:") == true, "\(across.failure ?? "")")
        let lossy = run(TestDescriptors.blocking("dup-lossy", .duplicatesEveryThousandth, delivery: .lossy(.uncounted)), .spsc,
                        mode: .throughput)
        #expect(lossy.failure?.contains("duplicate") == true, "\(lossy.failure ?? "")")
    }

    @Test func throughputModeCatchesReordering() {
        let r = run(TestDescriptors.reordering, .spsc, mode: .throughput)
        #expect(r.failure?.hasPrefix("per-producer FIFO: 1 out-of-order messages (first: per-producer FIFO: producer 0") == true,
                "\(r.failure ?? "")")
    }

    @Test func capacityOverflowIsCaught() {
        let r = run(TestDescriptors.overfilling, .spsc, cap: .bounded(4))
        #expect(r.failure?.hasPrefix("capacity bound:") == true, "\(r.failure ?? "")")
    }

    @Test func hungRunIsStoppedByTheWatchdog() {
        let r = run(TestDescriptors.stuck, .spsc, messages: 100, timeout: 0.3)
        #expect(!r.verified)
        #expect(r.failure?.hasPrefix("progress: run timed out") == true, "\(r.failure ?? "")")
    }

    @Test func openLoopRateIsPacedAndVerified() throws {
        // 2000 msgs at 20000/s cannot finish in less than ~0.1 s (a lower bound, not a timing claim).
        let r = run(TestDescriptors.good, .spsc, messages: 2000, rate: 20_000)
        #expect(r.verified, "\(r.failure ?? "")")
        let m = try #require(r.metrics)
        #expect(m.seconds >= 0.095)
        #expect(m.latency != nil)
    }

    @Test func brokenChannelMakesTheSessionFail() throws {
        let m = try RunMatrix([RunParameters(implementations: ["test-good", "test-dropping"], workloads: [.spsc],
                                             capacities: [.bounded(16)], messages: 5000)],
                              available: [TestDescriptors.good, TestDescriptors.dropping])
        try withScratchDirectory { dir in
            let session = RunSession(matrix: m, options: RunOptions(repetitions: 2, warmup: 0), parameters: "test",
                                     resultsDirectory: dir, progress: ProgressReporter(quiet: true))
            let outcome = try session.execute()
            #expect(outcome.exitStatus == RunSession.exitCheckFailed)
            #expect(outcome.failed.count == 2)
            #expect(outcome.failed.allSatisfy { $0.configuration.implementation.name == "test-dropping" })
            #expect(SummaryTable.render(outcome.results).contains("FAIL"))
            let csv = try String(contentsOfFile: outcome.paths[0], encoding: .utf8)
            #expect(csv.contains("test-dropping,test,threads,spsc,1,1,16,8,5000,1,,"))
            #expect(csv.contains(",false,false,5,,exactly-once: 5 of 5000 messages lost"))
            #expect(outcome.paths[1].hasSuffix("/latest.csv"))
            #expect(try String(contentsOfFile: outcome.paths[1], encoding: .utf8) == csv)
        }
    }
}
