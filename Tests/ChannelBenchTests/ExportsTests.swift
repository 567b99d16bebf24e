import Testing
import ChannelBench
@testable import BenchVerify

@Suite struct ExportsTests {
    @Test func registryNamesAreUnique() {
        let names = ChannelRegistry.all.map(\.name)
        #expect(Set(names).count == names.count)
    }

    /// Lookups by name find the built-in first, so a user's channel under its name would never run.
    @Test func registeringUnderABuiltInNameIsRefused() {
        let impostor = ChannelDescriptor(name: "ring", family: "test", summary: "user channel named ring",
                                         supportsRendezvous: false, supportsBounded: true, supportsUnbounded: true,
                                         maker: TestDescriptors.good.maker)
        #expect(throws: ChannelConfigurationError.builtInName("ring")) { try ChannelRegistry.register(impostor) }
        #expect(BuiltInFlavor(ChannelRegistry.named("ring")!) == .ring)
    }

    /// chanbench cannot see a channel registered in the user's process: its replay is the call.
    @Test func replayNamesTheCommandForBuiltInsAndTheCallForPlugIns() {
        func failure(_ impl: String) -> CheckResult {
            CheckResult(implementation: impl, check: "close-drains", status: .failed, iterations: 1, seconds: 0,
                        seed: 42, message: "m", counterexample: "")
        }
        #expect(VerifyReport.replay(failure("ring")) == "chanbench verify --impl ring --check close-drains --seed 42")
        let call = VerifyReport.replay(failure("mine"))
        #expect(call.hasPrefix("Verifier.run(VerifyConfiguration(") && call.contains(#"named("mine")"#)
                && call.contains("seed: 42"))
    }
}

@Suite struct AsyncVerifyEntryTests {
    /// Async callers get the same report without blocking a cooperative-pool thread.
    @Test func asyncRunReportsLikeTheBlockingOne() async throws {
        let config = VerifyConfiguration(implementations: [TestDescriptors.good], checks: ["close-drains"], seed: 7,
                                         budgetSeconds: 2, quick: true)
        let report = try await Verifier.run(config)
        #expect(report.passed && report.results.map(\.check) == ["close-drains"])
        await #expect(throws: VerifyConfigurationError.noImplementations) {
            try await Verifier.run(VerifyConfiguration(implementations: []))
        }
    }
}
