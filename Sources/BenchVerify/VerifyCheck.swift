import Channels
import BenchSupport

/// Everything one iteration of a check needs: the implementation, a capacity it supports,
/// the iteration's seed and the run's intensity.
package struct IterationContext: Sendable {
    package let descriptor: ChannelDescriptor
    package let iteration: Int
    /// The seed of this iteration; `--seed` with this value replays it as iteration 0.
    package let seed: UInt64
    package let quick: Bool
    /// How long no worker may make progress before the watchdog calls it a hang.
    package let stall: Duration
    /// When the whole run's budget runs out: work an iteration adds on its own (shrinking a
    /// failure) stops there, so a failure does not stretch the run past its budget.
    package let deadline: MonotonicDeadline
    /// The controlled checks' step log, shared with the runner so that an iteration that
    /// never returns is reported with the steps it got through.
    let trace = Transcript()

    init(descriptor: ChannelDescriptor, iteration: Int, seed: UInt64, quick: Bool, stall: Duration, deadline: MonotonicDeadline) {
        self.descriptor = descriptor
        self.iteration = iteration
        self.seed = seed
        self.quick = quick
        self.stall = stall
        self.deadline = deadline
    }

    /// Starts this iteration's transcript with `first`.
    func transcript(_ first: String) -> Transcript {
        trace.note(first)
        return trace
    }

    /// Which of a check's configurations this iteration runs; derived from the seed so a
    /// replayed seed runs the same one, and consecutive iterations cycle through all of them.
    package var variant: Int { Int(seed & 0xFF) }

    /// Picks this iteration's configuration.
    package func pick<T>(_ options: [T]) -> T { options[variant % options.count] }

    /// `after` from now, or the run's deadline if that comes first (for shrinking).
    func shrinkDeadline(_ after: Duration) -> MonotonicDeadline { min(.after(after), deadline) }

    /// A generator for this iteration's other random decisions.
    package func rng(_ label: String) -> SeededGenerator { SeededGenerator(seed: SeededGenerator.derive(seed, label)) }
}

/// The result of one iteration.
package enum IterationResult: Sendable {
    case passed
    /// `message` says what broke; `counterexample` is the smallest failing case found
    /// (a history table, a message trace, a hang dump).
    case failed(message: String, counterexample: String)
}

/// A named verification check. It runs against every selected implementation that claims
/// the capability it needs (``applicability`` returns the reason when it does not), for as
/// many iterations as its share of the time budget allows.
package struct VerifyCheck: Sendable {
    package let name: String
    package let summary: String
    /// Budget weight relative to the other checks (stress checks get more).
    package let weight: Double
    /// Iterations run even when the budget is exhausted (so every configuration of the
    /// check is exercised at least once).
    package let minimumIterations: @Sendable (ChannelDescriptor) -> Int
    /// `nil` if the check applies to the implementation, else why it is skipped.
    package let applicability: @Sendable (ChannelDescriptor) -> String?
    package let iterate: @Sendable (IterationContext) -> IterationResult

    package init(
        name: String, summary: String, weight: Double = 1,
        minimumIterations: @escaping @Sendable (ChannelDescriptor) -> Int = { _ in 1 },
        applicability: @escaping @Sendable (ChannelDescriptor) -> String?,
        iterate: @escaping @Sendable (IterationContext) -> IterationResult
    ) {
        self.name = name
        self.summary = summary
        self.weight = weight
        self.minimumIterations = minimumIterations
        self.applicability = applicability
        self.iterate = iterate
    }
}

extension VerifyCheck {
    /// A check run over `capacities` of the implementation (by default
    /// ``ChannelDescriptor/verifyCapacities``), `rounds` times each at minimum, iterations
    /// cycling through them: `iterate` gets the iteration's capacity and its transcript, opened
    /// with that capacity. `applicability` gives any reason to skip beyond "supports no
    /// capacity".
    static func perCapacity(
        name: String, summary: String, weight: Double = 1, rounds: Int = 1,
        capacities: @escaping @Sendable (ChannelDescriptor) -> [ChannelCapacity] = { $0.verifyCapacities },
        applicability: @escaping @Sendable (ChannelDescriptor) -> String? = { _ in nil },
        iterate: @escaping @Sendable (IterationContext, ChannelCapacity, Transcript) -> IterationResult
    ) -> VerifyCheck {
        VerifyCheck(
            name: name, summary: summary, weight: weight,
            minimumIterations: { rounds * capacities($0).count },
            applicability: { d in applicability(d) ?? (capacities(d).isEmpty ? "supports no capacity" : nil) },
            iterate: { ctx in
                let cap = ctx.pick(capacities(ctx.descriptor))
                return iterate(ctx, cap, ctx.transcript("capacity \(cap)"))
            })
    }
}

extension ChannelDescriptor {
    /// The capacities the checks exercise, among those this implementation supports:
    /// rendezvous, the smallest bounded, a larger bounded, unbounded.
    var verifyCapacities: [ChannelCapacity] {
        var caps: [ChannelCapacity] = []
        if supportsRendezvous { caps.append(.bounded(0)) }
        if supportsBounded {
            let small = max(1, minimumBoundedCapacity)
            caps.append(.bounded(small))
            if small < 16 { caps.append(.bounded(16)) }
        }
        if supportsUnbounded { caps.append(.unbounded) }
        return caps
    }

    /// Capacities that can hold at least one message.
    var bufferedCapacities: [ChannelCapacity] { verifyCapacities.filter { $0 != .bounded(0) } }
    var boundedBufferedCapacities: [ChannelCapacity] { verifyCapacities.filter { ($0.limit ?? 0) > 0 } }
}
