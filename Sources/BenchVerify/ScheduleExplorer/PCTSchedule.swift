import BenchSupport

/// One PCT schedule (Burckhardt et al., "A Randomized Scheduler with Probabilistic Guarantees
/// of Finding Bugs", ASPLOS 2010), drawn from a seed: every lane gets a distinct random
/// priority above `depth`, and at `depth` random steps the lane about to run drops to a
/// priority below all initial ones (the i-th change point to `depth - i`). The scheduler
/// always runs the highest-priority lane that has a job. Same seed, same choices, so the same
/// job order given the same program.
package struct PCTSchedule: Sendable {
    private var priorities: [Int]
    /// Step number → the priority the running lane drops to at that step.
    private let changePoints: [Int: Int]

    /// `estimatedSteps` spreads the change points over the run's expected length (PCT's `k`).
    package init(seed: UInt64, lanes: Int, depth: Int, estimatedSteps: Int) {
        var rng = SeededGenerator(seed: seed)
        priorities = Array((depth + 1)...(depth + max(lanes, 1))).shuffled(using: &rng)
        var points: [Int: Int] = [:]
        for i in 0..<depth {
            points[Int(rng.next() % UInt64(max(estimatedSteps, 1)))] = depth - i
        }
        changePoints = points
    }

    /// The lane to run at `step` among `runnable` (not empty): the highest priority after
    /// applying this step's change point, if any, to the lane that would have run.
    package mutating func pick(runnable: [Int], step: Int) -> Int {
        var best = highest(runnable)
        if let lowered = changePoints[step] {
            priorities[best] = lowered
            best = highest(runnable)
        }
        return best
    }

    private func highest(_ runnable: [Int]) -> Int {
        runnable.max { priorities[$0] < priorities[$1] }!
    }
}
