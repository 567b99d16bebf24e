/// The one bug a ``MutantChannel`` carries. `.none` is the correct control channel. The one
/// family of deliberately broken channels: verify's tests and the run oracle's use it.
enum MutantBug: String, CaseIterable, Sendable, CustomStringConvertible {
    case none
    /// A send that overlaps another send is sometimes dropped (and reported as sent).
    case losesUnderContention = "loses-under-contention"
    /// A send that overlaps another send is sometimes buffered twice.
    case duplicatesUnderContention = "duplicates-under-contention"
    /// Every 5th message is inserted *before* the previously buffered one.
    case reordersOneProducer = "reorders"
    /// Full is only reported at `capacity + 1` messages.
    case exceedsCapacityByOne = "exceeds-capacity-by-one"
    /// `close()` throws away buffered messages.
    case closeDropsBuffered = "close-drops-buffered"
    /// `close()` signals one waiter per condition instead of broadcasting.
    case closeWakesOnlyOne = "close-wakes-only-one"
    /// A receiver that found the channel empty drops the lock before parking; a send that
    /// lands in that gap signals nobody, and the receiver sleeps until some later send.
    case lostWakeup = "lost-wakeup"

    // Deterministic faults for the run oracle's tests: each shows in every run of 1000 or
    // more messages per channel, so a test can assert the exact failure it names.
    /// Every 1000th send is dropped (and reported as sent).
    case dropsEveryThousandth = "drops-every-1000th"
    /// Every 1000th send is buffered twice.
    case duplicatesEveryThousandth = "duplicates-every-1000th"
    /// Sends 500 and 501 are buffered in swapped order.
    case swapsTwoMessages = "swaps-500-501"
    /// Holds one message more than its capacity, and `count` always says so (a permanent
    /// excess, so a sampled bound sees it whatever the scheduling).
    case countsOneOverCapacity = "counts-one-over-capacity"
    /// `receive` waits for close and then returns `nil`: nothing is ever delivered.
    case neverDelivers = "never-delivers"

    var description: String { rawValue }

    /// The oracle's deterministic faults.
    static let oracleFaults: Set<MutantBug> = [
        .dropsEveryThousandth, .duplicatesEveryThousandth, .swapsTwoMessages, .countsOneOverCapacity, .neverDelivers,
    ]

    /// The faults `verify` must catch. The oracle's need 1000+ messages on one channel, more
    /// than quick verify's channels carry today, so they are not counted here.
    static var mutants: [MutantBug] { allCases.filter { $0 != .none && !oracleFaults.contains($0) } }
}
