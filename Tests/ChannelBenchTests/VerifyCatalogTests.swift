import Testing
import Channels
@testable import BenchVerify

/// The one specification of channel semantics, run by the test suite: every catalog check
/// against every built-in, the same checks `chanbench verify` runs. Each pair runs the check's
/// own minimum (every configuration once) with a one-second budget; a check that does not
/// apply is skipped with its reason, and must say why.
/// Serialized: each pair oversubscribes the 2-core box on its own.
@Suite(.serialized) struct VerifyCatalogTests {
    @Test(arguments: ChannelRegistry.builtIn.map(\.name), Verifier.checks.map(\.name))
    func builtInHoldsCheck(_ impl: String, _ check: String) async throws {
        let d = try #require(ChannelRegistry.builtIn.first { $0.name == impl })
        // At least one iteration whatever the budget, so every applicable pair is really run.
        let config = VerifyConfiguration(implementations: [d], checks: [check], budgetSeconds: 1, quick: true,
                                         minimumIterations: 1)
        let report = try await verifyOffThePool(config)
        let result = try #require(report.results.first)
        if result.status == .failed { errorLine(report.failureDetails) }
        #expect(result.status != .failed, "\(impl) / \(check): \(result.message) (replay: --seed \(result.seed))")
        #expect(result.status != .skipped || !result.message.isEmpty)
        #expect(result.status != .passed || result.iterations >= 1)
        #expect(!result.message.hasPrefix("not run"), "\(impl) / \(check): \(result.message)")
    }
}
