/// A small, fast, *reproducible* random number generator (SplitMix64).
///
/// Every random decision the verifier makes (schedule perturbation, scenario generation,
/// capacity and thread-count picks) comes from one of these, so a failure's seed replays the
/// same decisions. Thread interleavings themselves are up to the OS scheduler: a replay
/// re-creates the scenario and the injected yields/spins, which usually — not always —
/// reproduces a race.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed derived deterministically from `seed` and a label (FNV-1a, not `hashValue`,
    /// which Swift randomizes per process).
    public static func derive(_ seed: UInt64, _ label: String, _ index: Int = 0) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in label.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        var g = SeededGenerator(seed: seed ^ h ^ (UInt64(bitPattern: Int64(index)) &* 0x9E37_79B9_7F4A_7C15))
        return g.next()
    }
}
