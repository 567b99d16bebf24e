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
/// - **One winner**: the word leaves the undecided states (*waiting*, *sleeping*) exactly once,
///   by compare-and-swap, either to one operation's index (a notifying channel,
///   ``select(_:)``) or to *aborted* (the select itself, ``abort()``). Every later attempt
///   fails and changes nothing.
/// - **No lost wake-up**: the selecting thread announces that it is about to sleep by moving
///   the word from *waiting* to *sleeping*, and sleeps only while the word still says
///   *sleeping* (the kernel compares the word atomically with the sleep); a notifier whose
///   compare-and-swap replaced *sleeping* wakes it.
/// - **No needless system call**: a notifier that wins while the thread is still spinning or
///   yielding (the word said *waiting*) makes none; the thread sees the word change. With
///   more threads than cores, a wake-up per message for a thread that was not asleep cost the
///   producers the time they needed (see `docs/select-speed.md`).
/// - A notifier holds a strong reference while it wakes, so the context outlives every wake.
///
/// The winner of ``select(_:)`` obliges the selecting thread to *try that operation first*
/// after waking: that is what lets a channel wake one select instead of one of its plainly
/// blocked threads without stranding the message it announced (see ``SelectWaiters``).
public final class SelectContext: @unchecked Sendable {
    // @unchecked: the only state is the atomic word behind `word`.
    private let word: UnsafeMutablePointer<Atomic<UInt32>>

    /// Undecided, the selecting thread awake (spinning, yielding, or registering).
    private static var waiting: UInt32 { 0 }
    private static var aborted: UInt32 { 1 }
    /// Undecided, the selecting thread asleep in the kernel (or about to be): a winner wakes it.
    private static var sleeping: UInt32 { 2 }
    /// Operation `i` is stored as `i + firstOperation`.
    private static var firstOperation: UInt32 { 3 }

    /// A context in the *waiting* state.
    public init() {
        word = .allocate(capacity: 1)
        word.initialize(to: Atomic(Self.waiting))
    }

    deinit {
        word.deinitialize(count: 1)
        word.deallocate()
    }

    /// Selects operation `index` for this select and wakes its thread if it sleeps, if nothing
    /// has been selected yet. Returns whether this call won.
    @discardableResult
    public func select(_ index: Int) -> Bool {
        precondition(index >= 0 && index < Int(UInt32.max - Self.firstOperation), "operation index out of range")
        let desired = UInt32(index) + Self.firstOperation
        var current = word.pointee.load(ordering: .acquiring)
        while current == Self.waiting || current == Self.sleeping {
            let (won, now) = word.pointee.compareExchange(
                expected: current, desired: desired,
                successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
            if won {
                if current == Self.sleeping { _ = cchannels_futex_wake(rawWord, 1) }
                return true
            }
            current = now
        }
        return false
    }

    /// Marks the select aborted unless something was selected first; returns the outcome
    /// that stands. Called only by the selecting thread.
    public func abort() -> SelectSelection {
        var current = word.pointee.load(ordering: .acquiring)
        while current == Self.waiting || current == Self.sleeping {
            let (won, now) = word.pointee.compareExchange(
                expected: current, desired: Self.aborted,
                successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
            if won { return .aborted }
            current = now
        }
        return Self.decided(current)!
    }

    /// The outcome so far; `nil` while still undecided.
    public var selection: SelectSelection? {
        Self.decided(word.pointee.load(ordering: .acquiring))
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
        // Announce the sleep; a notifier that wins from here on issues the wake.
        let (_, current) = word.pointee.compareExchange(
            expected: Self.waiting, desired: Self.sleeping,
            successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
        if let outcome = Self.decided(current) { return outcome }
        while true {
            if let outcome = selection { return outcome }
            if let deadline {
                let remaining = deadline.remainingNanoseconds
                if remaining == 0 { return abort() }
                _ = cchannels_futex_wait(rawWord, Self.sleeping, Int64(clamping: remaining))
            } else {
                _ = cchannels_futex_wait(rawWord, Self.sleeping, -1)
            }
        }
    }

    private var rawWord: UnsafeMutablePointer<UInt32> {
        UnsafeMutableRawPointer(word).assumingMemoryBound(to: UInt32.self)
    }

    /// The outcome `value` stands for, `nil` if it is undecided.
    private static func decided(_ value: UInt32) -> SelectSelection? {
        switch value {
        case waiting, sleeping: return nil
        case aborted: return .aborted
        default: return .operation(Int(value - firstOperation))
        }
    }
}
