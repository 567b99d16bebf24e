import Channels

/// Seeded randomness shared by the suites, so a failing round can be replayed: the library's
/// own SplitMix64, always constructed with a seed here.
typealias SplitMix = SelectRandom
