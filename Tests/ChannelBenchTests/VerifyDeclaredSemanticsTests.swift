import Testing
import Foundation
import Channels
@testable import BenchVerify

/// Checks honour what the descriptor *declares* (lossy, watermark capacity, unconfirmed send
/// on close) instead of assuming a hard-capacity lossless channel, and the declaration never
/// hides a real bug: a lossy label still catches reordering.
/// Serialized: each run oversubscribes the 2-core box on its own.
@Suite(.serialized) struct VerifyDeclaredSemanticsTests {
    /// Each of these failed (or hung until the 20 s watchdog) before the checks read the
    /// declarations: `chanbench verify --quick` on main exited 3 with exactly these six.
    @Test(arguments: [
        ("asyncstream-oldest", "close-drains"), ("asyncstream-oldest", "capacity-bound"),
        ("asyncchannel", "close-wakes-all"),
        ("mpsc-channel", "capacity-bound"), ("mpsc-channel", "close-drains"),
        ("mpsc-channel", "close-wakes-all"), ("mpsc-channel", "no-leak"),
    ])
    func declaredBehaviourPasses(_ impl: String, _ check: String) async throws {
        let d = try #require(ChannelRegistry.builtIn.first { $0.name == impl })
        let config = VerifyConfiguration(implementations: [d], checks: [check], budgetSeconds: 3, quick: true,
                                         minimumIterations: 1)
        let report = try await verifyOffThePool(config)
        if !report.passed { print(report.table + "\n" + report.failureDetails) }
        #expect(report.passed, "\(impl) / \(check) failed (seed \(config.seed))")
        #expect(report.results.contains { $0.status == .passed && $0.check == check })
    }

    /// A channel that reorders one producer's messages is still caught by close-drains when
    /// it is (falsely) declared lossy: a lossy channel may drop, never reorder.
    @Test func lossyDeclarationStillCatchesReordering() async throws {
        let m = MutantBug.reordersOneProducer.descriptor
        let lossy = ChannelDescriptor(name: m.name + "-declared-lossy", family: m.family, summary: m.summary,
                                      supportsRendezvous: false, supportsBounded: true, supportsUnbounded: true,
                                      delivery: .lossy(.uncounted), maker: m.maker)
        let config = VerifyConfiguration(implementations: [lossy], checks: ["close-drains"], budgetSeconds: 10, quick: true)
        let report = try await verifyOffThePool(config)
        #expect(!report.passed, "a reordering channel declared lossy passed close-drains (seed \(config.seed))")
    }

    /// The declaration helpers: hard capacities fill `n` without a receiver, a declared
    /// watermark one less, and unbounded has no fill limit.
    @Test func sendsCompletingWithoutReceiverFollowsTheDeclaration() throws {
        let condvar = try #require(ChannelRegistry.builtIn.first { $0.name == "condvar" })
        let mpsc = try #require(ChannelRegistry.builtIn.first { $0.name == "mpsc-channel" })
        #expect(condvar.sendsCompletingWithoutReceiver(.bounded(16)) == 16)
        #expect(mpsc.sendsCompletingWithoutReceiver(.bounded(16)) == 15)
        #expect(mpsc.sendsCompletingWithoutReceiver(.bounded(1)) == 0)
        #expect(mpsc.sendsCompletingWithoutReceiver(.unbounded) == nil)
    }

    /// Drops are accounted only where a count is declared, and a declared count the channel
    /// does not report reads as none, so its first real drop fails received + dropped == sent.
    @Test func declaredDropsFollowTheDeclaration() throws {
        let oldest = try #require(ChannelRegistry.builtIn.first { $0.name == "asyncstream-oldest" })
        #expect(oldest.declaredDrops(reported: 3) == 3)
        #expect(oldest.declaredDrops(reported: nil) == 0)
        #expect(TestDescriptors.droppingLossy.declaredDrops(reported: 3) == nil)
        #expect(TestDescriptors.good.declaredDrops(reported: 3) == nil)
    }
}

/// Runs `Verifier.run` on its own thread and awaits it, so the test never blocks a thread of
/// the cooperative pool: the async channels under test need those threads (the pool has one
/// per core, two here), and other suites run in parallel. Blocking one from a sync test was
/// seen starving `blockOn`'s tasks into a false 20 s "hang".
func verifyOffThePool(_ config: VerifyConfiguration, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> VerifyReport {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<VerifyReport, any Error>) in
        let thread = Thread {
            do { continuation.resume(returning: try Verifier.run(config, progress: progress)) } catch { continuation.resume(throwing: error) }
        }
        thread.start()
    }
}
