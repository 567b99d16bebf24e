import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BenchSupport

/// Seeded schedule perturbation: the harness calls ``step()`` between a worker's channel
/// operations, and it sometimes yields the CPU and sometimes spins for a short random time.
///
/// This shifts *where* threads overlap inside an implementation from run to run — the stress
/// amplification jcstress and Go's race tests rely on — without changing what the workers do.
/// The harness cannot reach inside an implementation, so perturbation happens at operation
/// boundaries only.
package struct SchedulePerturbation {
    private var rng: SeededGenerator
    /// Out of 64: how often a step yields, and how often it spins.
    private let yieldIn64: UInt64
    private let spinIn64: UInt64

    init(seed: UInt64, intensity: Int = 6) {
        rng = SeededGenerator(seed: seed)
        yieldIn64 = UInt64(max(0, intensity))
        spinIn64 = UInt64(max(0, intensity * 2))
    }

    mutating func step() {
        let roll = rng.next() & 63
        if roll < yieldIn64 {
            sched_yield()
        } else if roll < yieldIn64 + spinIn64 {
            spin(Int(rng.next() % 400))
        }
    }

    /// A random integer in `0..<bound` from the same stream (for scenario decisions).
    mutating func below(_ bound: Int) -> Int { Int(rng.next() % UInt64(max(1, bound))) }
}

/// Busy-waits roughly `iterations` short steps; an atomic keeps the optimizer from removing it.
func spin(_ iterations: Int) {
    let sink = Atomic<Int>(0)
    for _ in 0..<iterations { sink.wrappingAdd(1, ordering: .relaxed) }
}
