import Channels

/// A small, fast, *reproducible* random number generator (SplitMix64), shared by everything in
/// the harness that must replay: the verifier (schedule perturbation, scenario generation — a
/// failure's seed replays the same decisions) and compare (bootstrap resampling — the same
/// inputs and seed give bit-identical intervals on every machine).
///
/// Not cryptographic. SplitMix64 passes BigCrush and is the seeding generator recommended for
/// the xoshiro family. Thread interleavings are up to the OS scheduler: a verifier replay
/// re-creates the scenario and the injected yields/spins, which usually — not always —
/// reproduces a race.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The package's one SplitMix64, always seeded here.
    private var splitMix: SelectRandom

    package init(seed: UInt64) { splitMix = SelectRandom(seed: seed) }

    package mutating func next() -> UInt64 { splitMix.next() }

    /// A stable 64-bit FNV-1a hash of `text` (`Hasher` and `hashValue` are randomly seeded per
    /// process, so they cannot derive reproducible streams).
    package static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A seed derived deterministically from `seed`, a label and an index: independent streams
    /// for independent decisions, all replayable from the one seed.
    package static func derive(_ seed: UInt64, _ label: String, _ index: Int = 0) -> UInt64 {
        var g = SeededGenerator(seed: seed ^ stableHash(label) ^ (UInt64(bitPattern: Int64(index)) &* 0x9E37_79B9_7F4A_7C15))
        return g.next()
    }
}
