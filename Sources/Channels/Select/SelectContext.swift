import CChannelsShims
import Synchronization

/// What a blocked select was woken for.
public enum SelectSelection: Equatable, Sendable {
    /// Operation `index` (of the select's list) may be ready: a channel changed state (a
    /// message, room, or close) and chose this select to wake.
    case operation(Int)
    /// The select gave up waiting itself: an operation was ready at registration, or the
    /// deadline passed with nothing selected.
    case aborted
}

/// One blocked select's rendezvous point with the channels it registered on: a one-shot
/// "which operation won" word that is also the futex the selecting thread sleeps on.
///
/// Guarantees:
/// - **One winner**: the word moves from *waiting* exactly once, by compare-and-swap, either to
///   one operation's index (a notifying channel, ``select(_:)``) or to *aborted* (the select
///   itself, ``abort()``). Every later attempt fails and changes nothing.
/// - **No lost wake-up**: the selecting thread sleeps only while the word still says
///   *waiting* (the kernel compares the word atomically with the sleep), and a notifier
///   wakes it after its successful compare-and-swap.
/// - A notifier holds a strong reference while it wakes, so the context outlives every wake.
///
/// The winner of ``select(_:)`` obliges the selecting thread to *try that operation first*
/// after waking: that is what lets a channel wake one select instead of one of its plainly
/// blocked threads without stranding the message it announced (see ``SelectWaiters``).
public final class SelectContext: @unchecked Sendable {
    // @unchecked: the only state is the atomic word behind `word`.
    private let word: UnsafeMutablePointer<Atomic<UInt32>>

    private static var waiting: UInt32 { 0 }
    private static var aborted: UInt32 { 1 }

    /// A context in the *waiting* state.
    public init() {
        word = .allocate(capacity: 1)
        word.initialize(to: Atomic(Self.waiting))
    }

    deinit {
        word.deinitialize(count: 1)
        word.deallocate()
    }

    /// Selects operation `index` for this select and wakes its thread, if nothing has been
    /// selected yet. Returns whether this call won.
    @discardableResult
    public func select(_ index: Int) -> Bool {
        precondition(index >= 0 && index < Int(UInt32.max - 2), "operation index out of range")
        let (won, _) = word.pointee.compareExchange(
            expected: Self.waiting, desired: UInt32(index) + 2,
            successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
        if won { _ = cchannels_futex_wake(rawWord, 1) }
        return won
    }

    /// Marks the select aborted unless something was selected first; returns the outcome
    /// that stands.
    public func abort() -> SelectSelection {
        let (won, current) = word.pointee.compareExchange(
            expected: Self.waiting, desired: Self.aborted,
            successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
        return won ? .aborted : Self.decode(current)
    }

    /// The outcome so far; `nil` while still waiting.
    public var selection: SelectSelection? {
        let value = word.pointee.load(ordering: .acquiring)
        return value == Self.waiting ? nil : Self.decode(value)
    }

    /// Blocks until an operation is selected or `deadline` passes (then aborts). Spins and
    /// yields briefly (``Backoff``) before parking in the kernel; never returns `.aborted`
    /// because of the deadline before the deadline has passed.
    func wait(until deadline: MonotonicDeadline?) -> SelectSelection {
        var backoff = Backoff()
        while !backoff.isCompleted {
            if let outcome = selection { return outcome }
            backoff.snooze()
        }
        while true {
            if let outcome = selection { return outcome }
            if let deadline {
                let remaining = deadline.remainingNanoseconds
                if remaining == 0 { return abort() }
                _ = cchannels_futex_wait(rawWord, Self.waiting, Int64(clamping: remaining))
            } else {
                _ = cchannels_futex_wait(rawWord, Self.waiting, -1)
            }
        }
    }

    private var rawWord: UnsafeMutablePointer<UInt32> {
        UnsafeMutableRawPointer(word).assumingMemoryBound(to: UInt32.self)
    }

    private static func decode(_ value: UInt32) -> SelectSelection {
        value == aborted ? .aborted : .operation(Int(value - 2))
    }
}
