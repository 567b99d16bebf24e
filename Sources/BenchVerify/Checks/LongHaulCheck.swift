import Channels
import BenchSupport

/// Faults that need many operations on one channel — a message lost at a block boundary, an
/// index that wraps wrongly after thousands of laps, a buffer that misbehaves once grown —
/// are out of reach of checks that make a fresh channel every few thousand messages. Here one
/// channel per capacity carries 1e5 messages (1e6 in a full run), one producer to one
/// consumer, in bursts of every power of two up to 2^14; delivery is checked exactly once and
/// in order.
package enum LongHaulCheck {
    static func scenarios(_ d: ChannelDescriptor, quick: Bool) -> [DeliveryScenario] {
        d.verifyCapacities.map {
            DeliveryScenario(producers: 1, consumers: 1, perProducer: quick ? 100_000 : 1_000_000, capacity: $0, bursts: true)
        }
    }

    static let check = VerifyCheck(
        name: "long-haul",
        summary: "one channel per capacity carries 1e5 messages in bursts of 1 … 2^14: exactly once, in order",
        weight: 3,
        minimumIterations: { $0.verifyCapacities.count },
        applicability: { d in d.verifyCapacities.isEmpty ? "supports no capacity" : nil },
        iterate: { ctx in
            let scenario = ctx.pick(scenarios(ctx.descriptor, quick: ctx.quick))
            guard let failure = scenario.run(ctx.descriptor, seed: ctx.seed, stall: ctx.stall) else { return .passed }
            return .failed(message: failure.message, counterexample: "scenario: \(scenario)\n\(failure.detail)")
        }
    )
}
