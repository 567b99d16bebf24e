/// One operation of a blocked select, as a channel keeps it while the select waits: the
/// select's context and the operation's index in that select.
public struct SelectWaiter: Sendable {
    public let context: SelectContext
    public let operation: Int

    public init(context: SelectContext, operation: Int) {
        self.context = context
        self.operation = operation
    }

    /// Whether `other` is this very registration (same select, same operation).
    @inlinable
    public func isSame(as other: SelectWaiter) -> Bool {
        context === other.context && operation == other.operation
    }
}

/// The selects waiting on one side (receive or send) of one channel: crossbeam's `Waker`
/// selector list. Not thread-safe: the channel guards it with a lock it already has (the
/// condvar's mutex) or one of its own (the ring).
///
/// A channel calls ``notifyOne()`` when its state changed in a way that can satisfy one
/// waiter of that side (one message, one free slot) and ``notifyAll()`` when it closes.
public struct SelectWaiters: Sendable {
    @usableFromInline var entries: [SelectWaiter] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    public mutating func register(_ waiter: SelectWaiter) {
        entries.append(waiter)
    }

    /// Removes `waiter`; returns `false` if it was not registered.
    @discardableResult
    public mutating func unregister(_ waiter: SelectWaiter) -> Bool {
        guard let index = entries.firstIndex(where: { $0.isSame(as: waiter) }) else { return false }
        entries.remove(at: index)
        return true
    }

    /// Selects and wakes the first registered select that is still waiting; returns whether
    /// one was woken. When it returns `true` the caller need wake nobody else for this state
    /// change: the woken select tries this very operation first (``SelectContext``), so the
    /// message or slot is taken by it or by someone who got there before it.
    ///
    /// Selects that already chose something else (or gave up) stay registered until their
    /// thread unregisters them; they are skipped.
    @inline(never)
    public mutating func notifyOne() -> Bool {
        for entry in entries where entry.context.select(entry.operation) {
            return true
        }
        return false
    }

    /// For a channel whose selects also count themselves as sleepers of its event count
    /// (registered as a sleeper *before* being added here, removed from here *before*
    /// withdrawing as one): selects and wakes one still-waiting select, as ``notifyOne()``,
    /// and otherwise says whether a plainly parked thread must be woken instead.
    ///
    /// `countedSleepers`, read under the same lock that guards this list, counts every entry
    /// here plus the parked threads, so a count above the entries means a thread may be parked
    /// (or a select is between its two steps: one spare wake). Waking the event count only then
    /// saves a system call per message whenever the registered selects were all chosen by
    /// other channels already and nobody is parked.
    public mutating func notifyOneOrNeedsParkedWake(countedSleepers: Int) -> Bool {
        if !entries.isEmpty && notifyOne() { return false }
        return countedSleepers > entries.count
    }

    /// Wakes every registered select that is still waiting (the channel closed: each of them
    /// may now complete its operation with "closed").
    public func notifyAll() {
        for entry in entries { entry.context.select(entry.operation) }
    }
}
