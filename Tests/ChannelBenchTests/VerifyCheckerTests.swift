import Testing
@testable import BenchSupport
@testable import BenchVerify

/// The verifier's own pieces: the sequential model, the linearizability search, the
/// delivery ledger, seeds and configuration errors.
@Suite struct VerifyCheckerTests {
    private func event(_ t: Int, _ op: LinOperation, _ r: LinResult, _ inv: Int, _ res: Int) -> HistoryEvent {
        HistoryEvent(thread: t, index: 0, operation: op, result: r, invoked: inv, responded: res)
    }

    @Test func modelFollowsTheContract() {
        let m = FifoModel(queue: [1], closed: false, capacity: 1)
        #expect(m.applying(.trySend(2)).0 == .full)
        let (r, drained) = m.applying(.tryReceive)
        #expect(r == .value(1))
        #expect(drained.applying(.tryReceive).0 == .empty)
        let closed = m.applying(.close).1
        #expect(closed.applying(.trySend(3)).0 == .closed)
        let (v, afterDrain) = closed.applying(.tryReceive)
        #expect(v == .value(1), "close keeps buffered messages")
        #expect(afterDrain.applying(.tryReceive).0 == .closed)
        let unbounded = FifoModel(queue: [], closed: false, capacity: nil)
        #expect(unbounded.applying(.send(5)).0 == .sent)
    }

    @Test func overlappingOperationsMayLinearizeEitherWay() {
        // T1's tryReceive overlaps T0's trySend, so "empty" is explained by ordering it first.
        let h = History(capacity: .bounded(1), prefill: [], threads: 2, events: [
            event(0, .trySend(1), .sent, 1, 4),
            event(1, .tryReceive, .empty, 2, 3),
        ])
        #expect(LinearizabilityChecker.check(h) == .linearizable)
    }

    @Test func realTimeOrderIsEnforced() {
        // The send responded before the receive was invoked: "empty" is impossible.
        let h = History(capacity: .bounded(1), prefill: [], threads: 2, events: [
            event(0, .trySend(1), .sent, 1, 2),
            event(1, .tryReceive, .empty, 3, 4),
        ])
        guard case .notLinearizable = LinearizabilityChecker.check(h) else {
            Issue.record("expected not linearizable")
            return
        }
    }

    @Test func fifoOrderAndFullnessAreChecked() {
        let reordered = History(capacity: .bounded(2), prefill: [100, 101], threads: 1, events: [
            event(0, .tryReceive, .value(101), 1, 2),
        ])
        #expect(LinearizabilityChecker.check(reordered) != .linearizable)
        let overfull = History(capacity: .bounded(1), prefill: [100], threads: 1, events: [
            event(0, .trySend(1), .sent, 1, 2),
        ])
        #expect(LinearizabilityChecker.check(overfull) != .linearizable)
        let closedThenSent = History(capacity: .unbounded, prefill: [], threads: 2, events: [
            event(0, .close, .done, 1, 2),
            event(1, .send(3), .sent, 3, 4),
        ])
        #expect(LinearizabilityChecker.check(closedThenSent) != .linearizable)
    }

    @Test func parkedOperationsCompleteThroughTheirPartner() {
        // Capacity 0: a receive parks, the send hands over; either may be invoked first.
        let handOver = History(capacity: .bounded(0), prefill: [], threads: 2, events: [
            event(0, .receive, .value(1), 1, 4),
            event(1, .send(1), .sent, 2, 3),
        ])
        #expect(LinearizabilityChecker.check(handOver) == .linearizable)
        // A parked send ended by close fails; with the declaration it may return normally.
        var closedWhileParked = History(capacity: .bounded(1), prefill: [100], threads: 2, events: [
            event(0, .send(1), .closed, 1, 4),
            event(1, .close, .done, 2, 3),
        ])
        #expect(LinearizabilityChecker.check(closedWhileParked) == .linearizable)
        closedWhileParked = History(capacity: .bounded(1), prefill: [100], threads: 2, events: [
            event(0, .send(1), .sent, 1, 4),
            event(1, .close, .done, 2, 3),
            event(1, .receive, .value(100), 5, 6),
            event(1, .receive, .closed, 7, 8),
        ])
        #expect(LinearizabilityChecker.check(closedWhileParked) != .linearizable)
        closedWhileParked.parkedSendMayReturnAtClose = true
        #expect(LinearizabilityChecker.check(closedWhileParked) == .linearizable)
    }

    @Test func rendezvousOverCommitAndQueueJumpingAreCaught() {
        // Two sends complete for one receive at capacity 0.
        let overCommit = History(capacity: .bounded(0), prefill: [], threads: 4, events: [
            event(0, .receive, .value(1), 1, 6),
            event(1, .send(1), .sent, 2, 3),
            event(2, .send(2), .sent, 4, 5),
            event(3, .close, .done, 7, 8),
        ])
        guard case .notLinearizable = LinearizabilityChecker.check(overCommit) else {
            Issue.record("over-commitment accepted")
            return
        }
        // A parked send's element received ahead of one buffered before it.
        let jumped = History(capacity: .bounded(2), prefill: [100, 101], threads: 2, events: [
            event(0, .send(1), .sent, 1, 4),
            event(1, .receive, .value(100), 2, 3),
            event(1, .receive, .value(1), 5, 6),
        ])
        #expect(LinearizabilityChecker.check(jumped) != .linearizable)
        var inOrder = jumped.events
        inOrder[2] = event(1, .receive, .value(101), 5, 6)
        #expect(LinearizabilityChecker.check(History(capacity: .bounded(2), prefill: [100, 101], threads: 2, events: inOrder)) == .linearizable)
    }

    @Test func tableHasOneColumnPerThread() {
        let h = History(capacity: .bounded(1), prefill: [], threads: 3, events: [
            event(0, .trySend(1), .sent, 1, 2),
            event(2, .tryReceive, .empty, 3, 4),
        ])
        let table = HistoryTable.render(h)
        #expect(table.contains("| Thread 0"))
        #expect(table.contains("| Thread 2"))
        #expect(table.contains("tryReceive(): empty  [3,4]"))
    }

    @Test func ledgerFindsLossDuplicatesAndReordering() {
        let m = { (p: Int, s: Int) in MessageCode.make(producer: p, sequence: s) }
        #expect(DeliveryLedger.check([[m(0, 0), m(1, 0)], [m(0, 1), m(1, 1)]], producers: 2, perProducer: 2, lossy: false) == nil)
        #expect(DeliveryLedger.check([[m(0, 0)], [m(0, 0), m(0, 1)]], producers: 1, perProducer: 2, lossy: false)?.message.contains("twice") == true)
        #expect(DeliveryLedger.check([[m(0, 1), m(0, 0)]], producers: 1, perProducer: 2, lossy: false)?.message.contains("FIFO") == true)
        #expect(DeliveryLedger.check([[m(0, 0)]], producers: 1, perProducer: 2, lossy: false)?.message.contains("lost") == true)
        #expect(DeliveryLedger.check([[m(0, 0)]], producers: 1, perProducer: 2, lossy: true) == nil, "lossy: at most once")
    }

    @Test func iterationSeedsReplayAndCycleConfigurations() {
        let s: UInt64 = 0xABCD_EF01
        #expect(Verifier.iterationSeed(s, 0) == s)
        #expect(Verifier.iterationSeed(s, 3) == Verifier.iterationSeed(s, 3))
        let variants = (0..<8).map { Int(Verifier.iterationSeed(s, $0) & 0xFF) }
        #expect(variants == (0..<8).map { (Int(s & 0xFF) + $0) & 0xFF })
        #expect(SeededGenerator.derive(1, "a") == SeededGenerator.derive(1, "a"))
        #expect(SeededGenerator.derive(1, "a") != SeededGenerator.derive(1, "b"))
    }

    @Test func badConfigurationIsReported() {
        let d = MutantBug.none.descriptor
        #expect(throws: VerifyConfigurationError.unknownCheck("nope")) {
            try Verifier.run(VerifyConfiguration(implementations: [d], checks: ["nope"], quick: true))
        }
        #expect(throws: VerifyConfigurationError.noImplementations) {
            try Verifier.run(VerifyConfiguration(implementations: [], quick: true))
        }
        #expect(throws: VerifyConfigurationError.badBudget(0)) {
            try Verifier.run(VerifyConfiguration(implementations: [d], budgetSeconds: 0, quick: true))
        }
    }

    @Test func checksSkipWhatTheImplementationDoesNotClaim() throws {
        let report = try Verifier.run(VerifyConfiguration(
            implementations: [TestDescriptors.good],
            checks: ["rendezvous", "cancellation", "send-after-close"], budgetSeconds: 1, quick: true))
        let status = Dictionary(uniqueKeysWithValues: report.results.map { ($0.check, $0.status) })
        #expect(status["rendezvous"] == .skipped)
        #expect(status["cancellation"] == .skipped)
        #expect(status["send-after-close"] == .passed)
        #expect(report.table.contains("test-good"))
    }
}
