import DequeModule

/// Which condition variables to poke once the mutex is released. The state machine decides,
/// the channel class executes, so every signal happens after unlock and only when the state
/// machine knows somebody is waiting.
@usableFromInline
struct CondvarWakeups: OptionSet, Sendable {
    @usableFromInline let rawValue: UInt8

    @inlinable init(rawValue: UInt8) { self.rawValue = rawValue }

    // Computed rather than `static let`: a constant needs no lazy-global access check in the
    // inlined callers.
    /// Wake one receiver waiting for a message.
    @inlinable static var signalNotEmpty: CondvarWakeups { CondvarWakeups(rawValue: 1 << 0) }
    /// Wake one sender waiting for room (buffered mode).
    @inlinable static var signalNotFull: CondvarWakeups { CondvarWakeups(rawValue: 1 << 1) }
    @inlinable static var broadcastNotEmpty: CondvarWakeups { CondvarWakeups(rawValue: 1 << 2) }
    /// Wake every sender: on close, and in rendezvous mode whenever an offer is taken (each
    /// sender re-checks whether it was *its* offer).
    @inlinable static var broadcastNotFull: CondvarWakeups { CondvarWakeups(rawValue: 1 << 3) }
}

/// The pure state of a ``CondvarChannel``: no locks, no threads, no blocking. Every method is
/// called with the channel's mutex held and returns what to wake after unlocking.
///
/// Two modes share one type:
/// - **Buffered** (`.bounded(n >= 1)`, `.unbounded`): a FIFO `Deque` of at most `limit`
///   messages. Senders wait on *not-full*, receivers on *not-empty*.
/// - **Rendezvous** (`.bounded(0)`): nothing is ever buffered. A sender posts an *offer*
///   (ticket + message) and waits on *not-full* until a receiver takes it. Offers are taken in
///   ticket order, so "my offer was taken" is simply `offerTickets.first > myTicket` — O(1).
///   A sender that gives up (timeout, close) retracts its offer, so a message is either taken
///   exactly once or handed back to its sender, never both. A successful `trySend` posts a
///   *committed* offer only while more receivers are waiting than offers are queued; such a
///   receiver leaves only with an offer or when no offer is left, so committed offers are
///   always delivered.
///
/// Everything is `@inlinable`/`@usableFromInline`: a package that depends on `Channels` then
/// specializes the state machine and its `Deque`s for its message type, instead of calling the
/// generic body (which reaches `Deque` through protocol witnesses).
@usableFromInline
struct CondvarChannelStateMachine<Element> {
    /// `nil` means unbounded; 0 means rendezvous.
    @usableFromInline let limit: Int?
    @usableFromInline var buffer: Deque<Element> = []
    // Offers as two deques in lockstep (ticket i belongs to element i) rather than one of
    // (ticket, element) pairs: `isTaken`, called in every rendezvous sender's wait loop, then
    // reads a `Deque<UInt64>`, concrete even in the generic body that runs behind
    // `any BlockingChannel`; with a deque of generic pairs that body read the first offer
    // through protocol witnesses, which allocated on every call.
    @usableFromInline var offerTickets: Deque<UInt64> = []
    @usableFromInline var offerElements: Deque<Element> = []
    @usableFromInline var nextTicket: UInt64 = 0
    @usableFromInline var isClosed = false
    /// Threads blocked in `receive` plus selects registered on the receive side: the one
    /// count a send already checks, so a channel nobody selects on pays nothing for select.
    @usableFromInline var waitingReceivers = 0
    /// Threads blocked in `send` plus selects registered on the send side.
    @usableFromInline var waitingSenders = 0
    /// Threads asleep on *not-empty* (counted in `waitingReceivers` too). One wake-up at a
    /// time: the woken receiver passes it on if messages are left
    /// (``chainToSleepingReceiver()``), so a burst of sends costs its senders one signal, not
    /// one system call per message while the receiver has not run yet.
    @usableFromInline var sleepingReceivers = CondvarSleepers()
    /// The same for threads asleep on *not-full*: a burst of receives (the receiver is the
    /// bottleneck of mpsc) signals once, and each woken sender wakes the next while room is left.
    @usableFromInline var sleepingSenders = CondvarSleepers()
    /// Selects waiting for a message or close (buffered mode only).
    @usableFromInline var receiveSelectors = SelectWaiters()
    /// Selects waiting for room or close (buffered mode only).
    @usableFromInline var sendSelectors = SelectWaiters()

    @usableFromInline
    init(capacity: ChannelCapacity) {
        if case .bounded(let n) = capacity {
            precondition(n >= 0, "capacity must be >= 0 (got \(n))")
        }
        limit = capacity.limit
        if let limit, limit > 0 { buffer.reserveCapacity(min(limit, 4096)) }
    }

    @inlinable var isRendezvous: Bool { limit == 0 }

    /// Buffered messages (always 0 in rendezvous mode: offers belong to blocked senders).
    @inlinable var count: Int { buffer.count }

    // MARK: waiter bookkeeping (so that we signal only when somebody waits)

    @inlinable mutating func receiverWillWait() { waitingReceivers += 1 }
    @inlinable mutating func receiverDidWait() { waitingReceivers -= 1 }
    @inlinable mutating func senderWillWait() { waitingSenders += 1 }
    @inlinable mutating func senderDidWait() { waitingSenders -= 1 }

    /// A receiver goes to sleep on *not-empty* / comes back from it (buffered mode).
    @inlinable mutating func receiverWillSleep() { receiverWillWait(); sleepingReceivers.willSleep() }
    @inlinable mutating func receiverWoke() { receiverDidWait(); sleepingReceivers.woke() }
    @inlinable mutating func senderWillSleep() { senderWillWait(); sleepingSenders.willSleep() }
    @inlinable mutating func senderWoke() { senderDidWait(); sleepingSenders.woke() }

    /// Signals *not-empty* if a receiver sleeps and none is already on its way.
    @inlinable mutating func signalSleepingReceiver() -> CondvarWakeups {
        sleepingReceivers.claimWakeup() ? .signalNotEmpty : []
    }

    /// Signals *not-full* if a sender sleeps and none is already on its way.
    @inlinable mutating func signalSleepingSender() -> CondvarWakeups {
        sleepingSenders.claimWakeup() ? .signalNotFull : []
    }

    /// After a receive: messages are left, so wake the next sleeping receiver (the chain that
    /// replaces one signal per message).
    @inlinable mutating func chainToSleepingReceiver() -> CondvarWakeups {
        sleepingReceivers.count == 0 || buffer.isEmpty ? [] : signalSleepingReceiver()
    }

    /// After a send: room is left, so wake the next sleeping sender.
    @inlinable mutating func chainToSleepingSender() -> CondvarWakeups {
        if sleepingSenders.count == 0 { return [] }
        if let limit, buffer.count >= limit { return [] }
        return signalSleepingSender()
    }

    // MARK: buffered and rendezvous receive

    /// Takes the next message if there is one. `.empty` means "wait" (or give up, for
    /// `tryReceive`); `.closed` means closed *and* drained.
    @inlinable
    mutating func receive() -> (TryReceiveResult<Element>, CondvarWakeups) {
        if isRendezvous {
            // Offers are taken even after close: a sender whose offer is taken has completed
            // its send, one that is not yet taken retracts when it wakes. Taking first keeps
            // committed (trySend) offers from being lost.
            if let element = offerElements.popFirst() {
                offerTickets.removeFirst()
                return (.value(element), waitingSenders > 0 ? .broadcastNotFull : [])
            }
            return (isClosed ? .closed : .empty, [])
        }
        if let element = buffer.popFirst() {
            let wake = waitingSenders > 0 ? wakeOneSender() : []
            return (.value(element), wake.union(chainToSleepingReceiver()))
        }
        return (isClosed ? .closed : .empty, [])
    }

    // MARK: buffered send

    /// Appends if there is room. `.full` means "wait" (or give up, for `trySend`).
    @inlinable
    mutating func send(_ element: Element) -> (TrySendResult, CondvarWakeups) {
        precondition(!isRendezvous, "rendezvous sends go through offer(_:)")
        if isClosed { return (.closed, []) }
        if let limit, buffer.count >= limit { return (.full, []) }
        buffer.append(element)
        let wake = waitingReceivers > 0 ? wakeOneReceiver() : []
        return (.sent, wake.union(chainToSleepingSender()))
    }

    // MARK: select (buffered mode)

    /// A message arrived and somebody waits for one: a registered select if one can still be
    /// chosen (it is woken now and tries this channel first), otherwise a blocked receiver.
    @inlinable
    mutating func wakeOneReceiver() -> CondvarWakeups {
        receiveSelectors.isEmpty || !receiveSelectors.notifyOne() ? signalSleepingReceiver() : []
    }

    /// Room appeared and somebody waits for it: a registered select, else a blocked sender.
    @inlinable
    mutating func wakeOneSender() -> CondvarWakeups {
        sendSelectors.isEmpty || !sendSelectors.notifyOne() ? signalSleepingSender() : []
    }

    /// Registers a select on `side` and says whether that operation is ready now. The
    /// registration and the check happen under the channel's mutex, as every state change
    /// does, so a change after it sees the select in the waiting count.
    @inlinable
    mutating func registerSelect(_ waiter: SelectWaiter, for side: SelectSide) -> Bool {
        precondition(!isRendezvous, "a rendezvous condvar channel cannot be selected over")
        switch side {
        case .receive:
            receiveSelectors.register(waiter)
            receiverWillWait()
            return !buffer.isEmpty || isClosed
        case .send:
            sendSelectors.register(waiter)
            senderWillWait()
            return isClosed || limit.map { buffer.count < $0 } ?? true
        }
    }

    @inlinable
    mutating func unregisterSelect(_ waiter: SelectWaiter, for side: SelectSide) {
        switch side {
        case .receive:
            if receiveSelectors.unregister(waiter) { receiverDidWait() }
        case .send:
            if sendSelectors.unregister(waiter) { senderDidWait() }
        }
    }

    // MARK: rendezvous send

    /// Posts an offer for a sender that will wait until it is taken; `nil` if closed.
    @inlinable
    mutating func offer(_ element: Element) -> (ticket: UInt64, wake: CondvarWakeups)? {
        precondition(isRendezvous)
        if isClosed { return nil }
        let ticket = nextTicket
        nextTicket &+= 1
        offerTickets.append(ticket)
        offerElements.append(element)
        return (ticket, waitingReceivers > 0 ? .signalNotEmpty : [])
    }

    /// A non-blocking rendezvous send: succeeds only if a receiver is already waiting that no
    /// queued offer is destined for. The offer is then committed (never retracted).
    @inlinable
    mutating func tryOffer(_ element: Element) -> (TrySendResult, CondvarWakeups) {
        precondition(isRendezvous)
        if isClosed { return (.closed, []) }
        guard waitingReceivers > offerTickets.count else { return (.full, []) }
        offerTickets.append(nextTicket)
        offerElements.append(element)
        nextTicket &+= 1
        return (.sent, .signalNotEmpty)
    }

    /// Whether the offer with `ticket` has been taken by a receiver.
    @inlinable
    func isTaken(_ ticket: UInt64) -> Bool {
        guard let first = offerTickets.first else { return true }
        return first > ticket
    }

    /// Withdraws a not-yet-taken offer (the sender gives up). Returns `false` if it had been
    /// taken meanwhile, in which case the send succeeded after all.
    @inlinable
    mutating func retract(_ ticket: UInt64) -> Bool {
        if isTaken(ticket) { return false }
        // Tickets are increasing along the deque; giving up is rare, so a linear scan is fine.
        guard let index = offerTickets.firstIndex(of: ticket) else { return false }
        offerTickets.remove(at: index)
        offerElements.remove(at: index)
        return true
    }

    // MARK: close

    /// Marks the channel closed; idempotent. Wakes every waiter so each re-checks its state.
    @inlinable
    mutating func close() -> CondvarWakeups {
        if isClosed { return [] }
        isClosed = true
        var wake: CondvarWakeups = []
        if waitingReceivers > 0 { wake.insert(.broadcastNotEmpty) }
        if waitingSenders > 0 { wake.insert(.broadcastNotFull) }
        receiveSelectors.notifyAll()
        sendSelectors.notifyAll()
        return wake
    }
}

/// Threads asleep on one condition of a ``CondvarChannel`` and whether a signal to one of them
/// is on its way (set when signalled, cleared by the next one to wake, whoever it was meant
/// for: either way a thread is awake to look and pass the wake-up on).
@usableFromInline
struct CondvarSleepers {
    @usableFromInline var count = 0
    @usableFromInline var wakeupPending = false

    @inlinable init() {}

    @inlinable mutating func willSleep() { count += 1 }

    /// Back from the wait: signalled, timed out or spuriously.
    @inlinable mutating func woke() {
        count -= 1
        wakeupPending = false
    }

    /// `true` if a signal should go out now: somebody sleeps and no wake-up is on its way.
    @inlinable mutating func claimWakeup() -> Bool {
        if count == 0 || wakeupPending { return false }
        wakeupPending = true
        return true
    }
}
