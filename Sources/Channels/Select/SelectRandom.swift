/// The generator a ``Select`` shuffles its operations with: SplitMix64 (Steele, Lea, Flood),
/// one add and a few multiplies per number, no system call, so fairness costs a select
/// almost nothing. Not for cryptography.
///
/// Seeded explicitly (``init(seed:)``) it is deterministic, so a test can check the choice
/// distribution of many selects exactly; unseeded it starts from the monotonic clock and the
/// select's address space, different for every select. The package's one SplitMix64: the
/// harness's reproducible generator and the tests' seeded randomness are this one, seeded.
public struct SelectRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator seeded from the monotonic clock and a stack address.
    public init() {
        var probe: UInt8 = 0
        let address = withUnsafePointer(to: &probe) { UInt64(UInt(bitPattern: $0)) }
        state = monotonicNanoseconds() ^ (address &* 0x9E37_79B9_7F4A_7C15)
    }

    // Inlinable: the harness draws from it in tight loops (bootstrap resampling) in other modules.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}
