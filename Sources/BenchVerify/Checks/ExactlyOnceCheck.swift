import Channels
import BenchSupport

/// Exactly-once and per-producer FIFO under MPMC stress, from 1×1 up to 16 producers × 16
/// consumers (oversubscribed on purpose: the box has 2 cores), every supported capacity.
/// On failure it shrinks: smaller scenarios are retried with the same seed and the smallest
/// one that still fails is the counterexample.
package enum ExactlyOnceCheck {
    static func scenarios(_ d: ChannelDescriptor, quick: Bool) -> [DeliveryScenario] {
        let shapes = quick
            ? [(1, 1, 2000), (2, 2, 1000), (4, 4, 400), (16, 16, 60)]
            : [(1, 1, 20000), (2, 2, 10000), (4, 4, 5000), (16, 16, 1000)]
        var out: [DeliveryScenario] = []
        for cap in d.verifyCapacities {
            for (p, c, m) in shapes {
                out.append(DeliveryScenario(producers: d.multiProducer ? p : 1,
                                            consumers: d.multiConsumer ? c : 1,
                                            perProducer: m, capacity: cap))
            }
        }
        return out
    }

    static let check = VerifyCheck(
        name: "exactly-once",
        summary: "every message delivered exactly once, per-producer FIFO, 1×1 … 16×16 threads/tasks",
        weight: 4,
        minimumIterations: { scenarios($0, quick: true).count },
        applicability: { d in d.verifyCapacities.isEmpty ? "supports no capacity" : nil },
        iterate: { ctx in
            let scenario = ctx.pick(scenarios(ctx.descriptor, quick: ctx.quick))
            guard let failure = scenario.run(ctx.descriptor, seed: ctx.seed, stall: ctx.stall) else { return .passed }
            let smallest = shrink(scenario, ctx: ctx)
            var example = "scenario: \(scenario)\n\(failure.detail)"
            if let (s, f) = smallest {
                example = "smallest failing scenario: \(s)\n  \(f.message)\n\(f.detail)\n(first failure: \(scenario))"
            }
            return .failed(message: failure.message, counterexample: example)
        }
    )

    /// Retries smaller scenarios (same capacity and seed) for a few seconds; returns the
    /// smallest that fails.
    static func shrink(_ s: DeliveryScenario, ctx: IterationContext) -> (DeliveryScenario, (message: String, detail: String))? {
        let stop = ctx.shrinkDeadline(.seconds(ctx.quick ? 4 : 15))
        var candidates: [DeliveryScenario] = []
        for (p, c) in [(1, 1), (2, 1), (1, 2), (2, 2), (4, 4)] where p <= s.producers && c <= s.consumers && (p, c) != (s.producers, s.consumers) {
            for m in [20, 200] where m < s.perProducer || (p * c < s.producers * s.consumers) {
                candidates.append(DeliveryScenario(producers: p, consumers: c, perProducer: min(m, s.perProducer), capacity: s.capacity))
            }
        }
        for candidate in candidates {
            for attempt in 0..<20 {
                if stop.hasPassed { return nil }
                if let f = candidate.run(ctx.descriptor, seed: SeededGenerator.derive(ctx.seed, "shrink", attempt), stall: ctx.stall) {
                    return (candidate, f)
                }
            }
        }
        return nil
    }
}
