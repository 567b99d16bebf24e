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
    /// `close()` throws away the newest buffered message (a send that got in just before it).
    case closeDropsNewest = "close-drops-newest"
    /// `close()` wakes the parked receivers but not the senders parked on a full channel.
    case closeSkipsParkedSenders = "close-skips-parked-senders"
    /// A receiver that found the channel empty drops the lock before parking; a send that
    /// lands in that gap signals nobody, and the receiver sleeps until some later send.
    case lostWakeup = "lost-wakeup"

    // Faults that show only after thousands of operations on one channel.
    /// The 8192nd message is dropped (and reported as sent): a block-boundary fault.
    case losesAtBlockBoundary = "loses-8192nd"
    /// With 4096 or more messages buffered, a send goes in before the previous one: a fault
    /// of a grown buffer, only reached when a burst piles up.
    case reordersWhenDeep = "reorders-when-4096-deep"

    // Timed operations under contention.
    /// A timed receive woken while another receiver took the element gives up (`timedOut`)
    /// before its deadline.
    case timedReceiveGivesUpWhenRobbed = "timed-receive-gives-up-when-robbed"
    /// A timed send woken while another sender took the free slot gives up early.
    case timedSendGivesUpWhenRobbed = "timed-send-gives-up-when-robbed"

    // Rendezvous (capacity 0) over-commitment.
    /// A send that finds a receiver waiting deposits and returns at once, even when another
    /// send already did so for that same receiver.
    case rendezvousOverCommits = "rendezvous-over-commits"
    /// Every 16th rendezvous send returns once deposited, without waiting to be taken.
    case rendezvousSometimesBuffers = "rendezvous-sometimes-buffers"
    /// A send that had to wait for room puts its element at the front of the buffer: a
    /// receive then returns it ahead of elements sent (and buffered) before it.
    case parkedSendJumpsQueue = "parked-send-jumps-queue"

    // Received elements kept alive.
    /// A receive does not clear the slot it read, so the element lives until overwritten.
    case keepsReceivedAlive = "keeps-received-alive"
    /// The channel remembers the last element it delivered.
    case keepsLastReceived = "keeps-last-received"

    // Lost wake-ups with several parked receivers.
    /// A send signals a waiting receiver only when it made the buffer non-empty: a second
    /// send before the first woken receiver ran wakes nobody.
    case wakesOnlyWhenEmpty = "wakes-only-when-empty"
    /// A send skips the signal while an earlier signal has not yet been consumed by a woken
    /// receiver (a "wake pending" flag shared by all waiters).
    case skipsWakeWhilePending = "skips-wake-while-pending"

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

    /// The faults a whole quick `verify` run must catch (the classes below are each proven
    /// against the check written for them, which is faster than a whole run per mutant).
    static var mutants: [MutantBug] {
        [.losesUnderContention, .duplicatesUnderContention, .reordersOneProducer, .exceedsCapacityByOne,
         .closeDropsBuffered, .closeWakesOnlyOne, .lostWakeup]
    }

    /// Bug classes verify once missed, each with several shapes, and the check that must
    /// catch every shape of it.
    static let classes: [(name: String, check: String, variants: [MutantBug])] = [
        ("fault after thousands of operations on one channel", "long-haul",
         [.losesAtBlockBoundary, .reordersWhenDeep, .dropsEveryThousandth, .duplicatesEveryThousandth]),
        ("timed operation robbed under contention", "timed-contention",
         [.timedReceiveGivesUpWhenRobbed, .timedSendGivesUpWhenRobbed]),
        ("rendezvous over-commitment", "rendezvous", [.rendezvousOverCommits, .rendezvousSometimesBuffers]),
        ("received element kept alive", "no-leak", [.keepsReceivedAlive, .keepsLastReceived]),
        ("lost wake-up with several parked receivers", "parked-wakeups", [.wakesOnlyWhenEmpty, .skipsWakeWhilePending]),
        ("sends racing close", "close-race",
         [.closeDropsBuffered, .closeDropsNewest, .closeWakesOnlyOne, .closeSkipsParkedSenders]),
        ("blocking operations not linearizable (dual)", "blocking-linearizability",
         [.rendezvousOverCommits, .parkedSendJumpsQueue]),
    ]

    /// Every (mutant, check) pair of ``classes``.
    static var classCases: [(MutantBug, String)] { classes.flatMap { c in c.variants.map { ($0, c.check) } } }

    /// Mutants that also offer capacity 0 (the base's rendezvous mode), with the control.
    var offersRendezvous: Bool { self == .none || self == .rendezvousOverCommits || self == .rendezvousSometimesBuffers }
}
