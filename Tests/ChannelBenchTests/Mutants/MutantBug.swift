/// The one bug a ``MutantChannel`` carries. `.none` is the correct control channel.
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

    var description: String { rawValue }

    static var mutants: [MutantBug] { allCases.filter { $0 != .none } }
}
