/// A small, fast, seedable random generator (SplitMix64) so that bootstrap intervals are
/// reproducible: the same inputs and seed give bit-identical results on every machine and run.
///
/// Not cryptographic. SplitMix64 passes BigCrush and is the seeding generator recommended for the
/// xoshiro family; for drawing resample indices it is more than good enough.
public struct SeededRandomGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable 64-bit FNV-1a hash of `text`, used to give every configuration its own stream
    /// derived from the user's seed, so a result does not depend on which other rows are in the
    /// file or in what order they are compared. (`Hasher` is randomly seeded per process.)
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
