import Channels
import BenchSupport

/// Linearizability of the blocking operations, capacity 0 included, against ``FifoModel`` as a
/// dual data structure (Lincheck's treatment of channels): a send or receive that cannot
/// complete parks as a pending request, and the partner or close that resumes it completes it.
/// Short random histories of send, receive, close (and the try operations where they are
/// linearizable) on 2–3 threads; parked operations left without a partner are ended by a
/// recorded close(). Catches what try-only histories cannot: a rendezvous send completing
/// with nobody to take it, a parked sender's element overtaking older ones, a receive resumed
/// with the wrong element.
package enum BlockingLinearizabilityCheck {
    /// Rendezvous, then the try check's: the smallest bounded, 2 (an element can wait behind
    /// another, so order through a parked send shows) and unbounded.
    static func capacities(_ d: ChannelDescriptor) -> [ChannelCapacity] {
        (d.supportsRendezvous ? [.bounded(0)] : []) + LinearizabilityCheck.capacities(d)
    }

    static let check = VerifyCheck.perCapacity(
        name: "blocking-linearizability",
        summary: "send/receive/close histories (capacity 0 too) linearize against the dual FIFO model",
        weight: 3, capacities: capacities,
        applicability: { d in
            if d.lossy { return "lossy by design (not a FIFO channel)" }
            return d.watermark != nil ? "declared: the capacity is a watermark (no hard bound to model)" : nil
        },
        iterate: { ctx, cap, _ in
            let d = ctx.descriptor
            var rng = ctx.rng("blocking scenario")
            // Not at capacity 0: the contract says a rendezvous trySend succeeds when a receiver
            // waits, not that this receiver gets it (condvar commits the offer to whichever
            // receiver comes first, possibly one that arrived later: see docs/verify.md).
            let tryOps = cap != .bounded(0) && d.supportsTryAndTimeout && d.linearizableTryOperations
                && ChannelUnderTest<Int>(d, capacity: cap).conformsToTimed
            let scenario = LinScenario.randomBlocking(&rng, capacity: cap, tryOperations: tryOps,
                                                      multiProducer: d.multiProducer, multiConsumer: d.multiConsumer)
            return LinearizabilityCheck.hunt(scenario, ctx)
        }
    )
}

extension LinScenario {
    /// 2–3 threads of 2–4 operations: mostly blocking sends and receives, some close and (when
    /// `tryOperations`) try operations. A single-consumer channel receives on thread 0 only,
    /// a single-producer one sends on thread 1 only (so prefill is skipped there).
    static func randomBlocking(_ rng: inout SeededGenerator, capacity: ChannelCapacity, tryOperations: Bool,
                               multiProducer: Bool, multiConsumer: Bool) -> LinScenario {
        let threadCount = 2 + Int(rng.next() % 2)
        var next = 1
        var threads: [[LinOperation]] = []
        for t in 0..<threadCount {
            let receives = multiConsumer || t == 0
            let sends = multiProducer ? true : t == 1
            var ops: [LinOperation] = []
            for _ in 0..<(2 + Int(rng.next() % 3)) {
                let roll = rng.next() % 100
                let wantsReceive = roll < 45
                if roll >= 94 {
                    ops.append(.close)
                } else if wantsReceive && receives || !sends {
                    guard receives else { continue }
                    ops.append(tryOperations && roll < 10 ? .tryReceive : .receive)
                } else {
                    ops.append(tryOperations && roll >= 84 ? .trySend(next) : .send(next))
                    next += 1
                }
            }
            if !ops.isEmpty { threads.append(ops) }
        }
        let room = multiProducer ? min(capacity.limit ?? 2, 2) : 0
        let prefill = (0..<Int(rng.next() % UInt64(room + 1))).map { 100 + $0 }
        return LinScenario(capacity: capacity, prefill: prefill, threads: threads)
    }
}
