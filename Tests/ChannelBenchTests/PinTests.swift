import Testing
import Synchronization
import Channels
import CChanbenchShims
@testable import BenchSupport
@testable import BenchModel
@testable import BenchEngine

/// `--pin`: worker threads pinned round-robin over the process's CPUs.
@Suite(.serialized) struct PinTests {
    /// The affinity mask of the calling thread.
    private static func currentCPUs() -> [Int] {
        var cpus = [Int32](repeating: 0, count: 1024)
        let n = cpus.withUnsafeMutableBufferPointer { chanbench_allowed_cpus($0.baseAddress, Int32($0.count)) }
        return cpus.prefix(max(Int(n), 0)).map(Int.init)
    }

    @Test func workersGoRoundRobinOverTheAllowedCPUs() throws {
        let cpus = CPUPinning.allowedCPUs
        try #require(!cpus.isEmpty)
        for i in 0..<(2 * cpus.count + 1) {
            #expect(CPUPinning.cpu(forWorker: i, pin: true) == cpus[i % cpus.count])
            #expect(CPUPinning.cpu(forWorker: i, pin: false) == nil)
        }
    }

    @Test func aPinnedThreadRunsOnItsOneCPU() throws {
        let target = try #require(CPUPinning.allowedCPUs.last)
        let latch = CompletionLatch(count: 1)
        final class Seen: Sendable { let cpus = Mutex<[Int]>([]) }
        let seen = Seen()
        ThreadDriver.start {
            CPUPinning.pinCurrentThread(to: target)
            let cpus = Self.currentCPUs()
            seen.cpus.withLock { $0 = cpus }
            latch.countDown()
        }
        try #require(latch.wait(untilNanoseconds: monotonicNanoseconds() + 30_000_000_000), "watchdog")
        #expect(seen.cpus.withLock { $0 } == [target])
    }

    @Test func aPinnedRunIsVerifiedAndSaysSoInItsParameters() throws {
        try withScratchDirectory { dir in
            let m = try RunMatrix([RunParameters(implementations: ["ring", "condvar"], workloads: [.spsc, .mpmc], producers: [2],
                                                 consumers: [2], capacities: [.bounded(16)], messages: 2000, modes: [.throughput])],
                                  available: BenchImplementations.all)
            var options = RunOptions(repetitions: 1, warmup: 0)
            options.pin = true
            let outcome = try RunSession(matrix: m, options: options, parameters: "test pin=true", resultsDirectory: dir,
                                         progress: ProgressReporter(quiet: true)).execute()
            #expect(outcome.exitStatus == RunSession.exitSuccess)
            #expect(outcome.results.allSatisfy { $0.verified })
            let file = try BenchCSVReader.read(path: try #require(outcome.paths.first))
            #expect(file.metadataValues("pinned_threads") == ["true"])
        }
    }
}
