import Channels
import Testing

/// Linearizable try operations under contention (crossbeam's `array::linearizable`): with
/// capacity == thread count and every thread doing `send` then `tryReceive`, at most
/// `threads` messages are ever buffered and, whenever a thread calls `tryReceive`, its own
/// completed send is among them — so `.empty` is never a correct answer. The mirror: on a
/// full channel, `receive` then `trySend` always has room — `.full` is never correct.
///
/// A try operation that gives up because a neighbour has claimed a slot but not finished with
/// it (e.g. it was preempted) answers empty/full although positions say otherwise; that only
/// shows under preemption, hence more threads than cores and thousands of rounds. Nothing here
/// depends on timing: the watchdog only turns a hang into a failure.
@Suite struct RingLinearizableTryTests {
    /// Blocking built-ins that declare linearizable try operations (dispatch does not).
    static var flavors: [ChannelDescriptor] {
        BlockingFlavors.all.filter {
            $0.linearizableTryOperations && $0.supportsTryAndTimeout && !$0.lossy
                && $0.multiProducer && $0.multiConsumer && $0.supportsBounded
        }
    }

    static let threadCounts = [4, 8]
    static let rounds = TestScale.messages(40_000)

    @Test func coversRingAndCondvarButNotDispatch() {
        let names = Self.flavors.map(\.name)
        #expect(names.contains("ring"))
        #expect(names.contains("condvar"))
        #expect(!names.contains("dispatch"))
    }

    @Test(arguments: flavors, threadCounts)
    func sendThenTryReceiveNeverSaysEmpty(_ descriptor: ChannelDescriptor, threads: Int) async {
        let channel = descriptor.makeBlocking(Int.self, capacity: .bounded(threads))!
        let outcome = TryStressOutcome()
        await runRingThreads(threads, progress: { outcome.rounds.value }, onHang: { channel.close() }) { t in
            for round in 0..<Self.rounds {
                do { try channel.send(t * Self.rounds + round) } catch {
                    outcome.fail("thread \(t) round \(round): send threw (closed)")
                    return
                }
                let result = channel.tryReceive()
                guard case .value = result else {
                    outcome.fail("thread \(t) round \(round): tryReceive -> \(result) after its own send; count \(channel.count)")
                    return
                }
                outcome.rounds.increment()
            }
        }
        #expect(outcome.failures.value == 0, "\(descriptor.name): \(outcome.failures.value) wrong answers, first: \(outcome.first ?? "")")
        #expect(channel.count == 0)
    }

    @Test(arguments: flavors, threadCounts)
    func receiveThenTrySendNeverSaysFull(_ descriptor: ChannelDescriptor, threads: Int) async {
        let channel = descriptor.makeBlocking(Int.self, capacity: .bounded(threads))!
        for i in 0..<threads { #expect(channel.trySend(-1 - i) == .sent) }
        let outcome = TryStressOutcome()
        await runRingThreads(threads, progress: { outcome.rounds.value }, onHang: { channel.close() }) { t in
            for round in 0..<Self.rounds {
                guard channel.receive() != nil else {
                    outcome.fail("thread \(t) round \(round): receive returned nil (closed)")
                    return
                }
                let result = channel.trySend(t * Self.rounds + round)
                guard result == .sent else {
                    outcome.fail("thread \(t) round \(round): trySend -> \(result) after its own receive; count \(channel.count)")
                    return
                }
                outcome.rounds.increment()
            }
        }
        #expect(outcome.failures.value == 0, "\(descriptor.name): \(outcome.failures.value) wrong answers, first: \(outcome.first ?? "")")
        #expect(channel.count == threads)
    }
}

/// What the stress threads report: completed rounds (the watchdog's progress probe) and wrong
/// answers, recorded after the join (issues are recorded from the test's task, not from the
/// worker threads).
final class TryStressOutcome: Sendable {
    let rounds = SharedCounter()
    let failures = SharedCounter()
    private let firstFailure = NSLockedValue<String?>(nil)

    func fail(_ what: String) {
        failures.increment()
        firstFailure.update { if $0 == nil { $0 = what } }
    }

    var first: String? { firstFailure.get() }
}
