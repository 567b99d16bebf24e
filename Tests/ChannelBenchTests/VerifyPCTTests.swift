import Testing
import Channels
@testable import BenchSupport
@testable import BenchVerify

/// The PCT schedule explorer: a seed fixes the job order and the history, it finds
/// interleaving bugs in async channels, and correct async channels pass it.
@Suite(.serialized) struct VerifyPCTTests {
    /// The async built-ins the check applies to (the lossy ones are skipped by it).
    private static let asyncBuiltIns = ChannelRegistry.all.filter { PCTScheduleCheck.check.applicability($0) == nil }

    /// Same seed, same job order, same history: what makes a reported seed a replay.
    @Test(arguments: asyncBuiltIns.map(\.name) + ["async-mutant-control"])
    func sameSeedReplaysTheSameRun(_ name: String) throws {
        let d = try #require(ChannelRegistry.named(name) ?? (name == "async-mutant-control" ? AsyncMutantBug.none.descriptor : nil))
        guard case .suspending(let maker) = d.maker else { return }
        var orders = Set<[Int]>()
        for seed in UInt64(1)...6 {
            let cap = PCTScheduleCheck.capacities(d)[Int(seed) % PCTScheduleCheck.capacities(d).count]
            let scenario = PCTScheduleCheck.Scenario(producers: d.multiProducer ? 2 : 1, consumers: d.multiConsumer ? 2 : 1,
                                                     perProducer: 4, capacity: cap)
            let first = scenario.explore(maker, seed: seed, depth: 2, estimatedSteps: 40)
            let again = scenario.explore(maker, seed: seed, depth: 2, estimatedSteps: 40)
            #expect(first.failure == nil, "\(name) seed \(seed): \(first.failure ?? "")")
            #expect(!first.run.jobOrder.isEmpty)
            #expect(first.run.jobOrder == again.run.jobOrder, "\(name) seed \(seed): job order differs between replays")
            #expect(first.received == again.received, "\(name) seed \(seed): history differs between replays")
            #expect(first.run.outcome == again.run.outcome)
            // Every job came through a lane, actor hops included (SE-0417: a default actor
            // runs on its caller's preferred executor), so the seed alone chose the order.
            #expect(first.run.foreignJobs == 0, "\(name) seed \(seed): \(first.run.foreignJobs) job(s) came from outside the run")
            orders.insert(first.run.jobOrder)
        }
        // The seed does choose: six seeds do not all give one order.
        #expect(orders.count > 1, "\(name): every seed gave the same job order")
    }

    /// Catch rate over 5 master seeds, `pct-schedules` alone, a fixed amount of work.
    @Test(arguments: AsyncMutantBug.broken)
    func catchesAsyncMutant(_ bug: AsyncMutantBug) throws {
        var caught = 0
        for seed in UInt64(1)...5 {
            let config = VerifyConfiguration(implementations: [bug.descriptor], checks: ["pct-schedules"], seed: seed,
                                             budgetSeconds: 10, quick: true, failFast: true, minimumIterations: 4)
            let report = try Verifier.run(config)
            if let f = report.failures.first {
                caught += 1
                errorLine("  \(bug) seed \(seed): \(f.message)")
            }
        }
        errorLine("pct-schedules catches \(bug) under \(caught) of 5 seeds")
        #expect(caught >= 4, "\(bug) caught under only \(caught) of 5 seeds")
    }

    /// No false positives: every async built-in and the mutants' correct control pass.
    @Test func correctAsyncChannelsPass() throws {
        let config = VerifyConfiguration(implementations: Self.asyncBuiltIns + [AsyncMutantBug.none.descriptor],
                                         checks: ["pct-schedules"], seed: 7, budgetSeconds: 30, quick: true, minimumIterations: 4)
        let report = try Verifier.run(config) { errorLine("  \($0)") }
        #expect(report.passed, "false positive: \(report.failures.map { "\($0.implementation): \($0.message)" })")
        #expect(report.results.contains { $0.status == .passed })
    }
}
