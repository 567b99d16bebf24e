import Testing
import Channels
@testable import BenchSupport
@testable import BenchVerify

/// The select checks can fail: each broken selectable channel is caught by the check written
/// for its class of bug, and the correct control passes all of them.
@Suite(.serialized) struct VerifySelectTests {
    static let checks = ["select-exactly-once", "select-wakeup", "select-fairness"]

    @Test(arguments: [
        (SelectMutantBug.trySendDropsEveryHundredth, "select-exactly-once"),
        (.trySendKeepsWhatItCallsFull, "select-exactly-once"),
        (.tryReceiveLosesEveryHundredth, "select-exactly-once"),
        (.neverRegisters, "select-wakeup"),
        (.registersReceiversOnly, "select-wakeup"),
        (.oddChannelsSpuriouslyEmpty, "select-fairness"),
    ])
    func theCheckForItsClassCatchesTheMutant(_ bug: SelectMutantBug, _ check: String) async throws {
        // A fixed number of iterations (a run stops at its first failure), so how fast the
        // machine is does not decide whether the catch is asserted.
        let config = VerifyConfiguration(implementations: [bug.descriptor], checks: [check], budgetSeconds: 30, quick: true,
                                         minimumIterations: 12)
        let report = try await verifyOffThePool(config)
        let failure = report.failures.first
        errorLine("\(check) on \(bug): \(failure.map { "caught: \($0.message)" } ?? "NOT caught") (seed \(config.seed))")
        #expect(failure != nil, "\(check) did not catch \(bug) (seed \(config.seed))")
    }

    @Test func theCorrectControlPassesEverySelectCheck() async throws {
        let config = VerifyConfiguration(implementations: [SelectMutantBug.none.descriptor], checks: Self.checks, budgetSeconds: 20,
                                         quick: true, minimumIterations: 6)
        let report = try await verifyOffThePool(config)
        #expect(report.passed, "\(report.failureDetails) (seed \(config.seed))")
        #expect(report.results.filter { $0.status == .passed }.count == Self.checks.count)
    }

    @Test func theActorChannelPassesEverySelectCheckInItsAsyncForm() async throws {
        let actor = try #require(ChannelRegistry.named("actor"))
        let config = VerifyConfiguration(implementations: [actor], checks: Self.checks, budgetSeconds: 20,
                                         quick: true, minimumIterations: 4)
        let report = try await verifyOffThePool(config)
        #expect(report.passed, "\(report.failureDetails) (seed \(config.seed))")
        // Run, not skipped: the async select has all three checks.
        #expect(report.results.filter { $0.status == .passed }.count == Self.checks.count,
                "\(report.results.map { "\($0.check): \($0.status) \($0.message)" })")
    }

    @Test func flavorsThatCannotSelectAreSkippedWithTheReason() {
        let dispatch = ChannelRegistry.named("dispatch")!
        #expect(SelectUnderTest.inapplicable(dispatch) == "takes no part in a select")
        let condvar = ChannelRegistry.named("condvar")!
        #expect(SelectUnderTest.inapplicable(condvar) == nil)
        #expect(!SelectUnderTest.capacities(condvar).contains(.bounded(0)))
    }
}
