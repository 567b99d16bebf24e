/// A blocking MPMC channel built from one pthread mutex and two condition variables
/// (*not-empty* for receivers, *not-full* for senders), the classic monitor design.
///
/// Guarantees:
/// - **Blocking**: `send` blocks the calling thread while the channel is full; `receive`
///   blocks while it is empty. Before parking, a blocked thread spins briefly with the mutex
///   released (``spinRoundsBeforeParking`` rounds of 1, 2, 4, … CPU pause hints, ~2 µs in all,
///   re-checking after each), then parks in the kernel (futex via pthread). It never yields
///   the core and never spins longer than that.
/// - **Capacity**: `.bounded(n)` buffers at most `n` messages (`count <= n` at every instant);
///   `.unbounded` never blocks a sender; `.bounded(0)` is a true **rendezvous**: `send`
///   returns only after a receiver has taken that very message (Go's unbuffered `chan`,
///   crossbeam's `bounded(0)`); `trySend` succeeds only if a receiver is already waiting and
///   `tryReceive` only if a sender is waiting.
/// - **Order**: FIFO over the whole channel (so per-producer FIFO); waiting threads are woken
///   in whatever order the kernel picks (no fairness promise between waiters).
/// - **MPMC**: any number of senders and receivers; every message is received exactly once.
/// - **Close**: idempotent; wakes every blocked sender and receiver. A `send` that starts
///   after `close()` throws ``ChannelClosedError``; `receive` keeps returning buffered
///   messages and returns `nil` only once closed *and* drained. In rendezvous mode a send that
///   races with `close()` either completes (a receiver took it) or throws — never both.
/// - **Timeouts** use CLOCK_MONOTONIC deadlines and never report `.timedOut` before the
///   deadline. A rendezvous `send(_:timeout:)` whose offer has been taken completes.
/// - **Memory**: dropping the channel releases every undelivered message.
/// - **Cost**: O(1) per operation (amortised for the unbounded deque); signals are issued
///   after the mutex is released, only when a thread is known to sleep, and at most one per
///   side is on its way at a time: the thread it wakes signals the next sleeper if messages
///   (or room) are left, so a burst costs the busy side one system call, not one per message.
///   Rendezvous hand-offs broadcast to the waiting senders (each checks whether its offer was
///   taken).
/// - **Select** (``SelectableChannel``): at capacities >= 1 and unbounded. A select registers
///   in the waiter counts the hot paths already read under the mutex, so a channel nobody
///   selects on runs exactly the code it ran before; a message (room, close) wakes a waiting
///   select in place of a blocked thread, with the futex wake issued under the mutex (as
///   crossbeam's waker does). Rendezvous channels refuse selects (``acceptsSelect`` is `false`).
public final class CondvarChannel<Element: Sendable>: SelectableChannel, @unchecked Sendable {
    // @unchecked: `state` is only read or written with `mutex` held.
    // The operations are `@inlinable` and these `@usableFromInline`: a package depending on
    // `Channels` then specializes them for its element type instead of running the generic
    // body (element copies through value witnesses, `Deque` reached through metadata).
    // Adaptive: the lock is held for a few dozen nanoseconds, so a contender retries briefly
    // before sleeping (docs/condvar-speed.md measures it).
    @usableFromInline let mutex = PThreadMutex(adaptive: true)
    @usableFromInline let notEmpty = ConditionVariable()
    @usableFromInline let notFull = ConditionVariable()
    // The state lives behind a pointer, reached through addressors, not in a stored `var`:
    // every access to a class's stored `var` is checked for exclusivity at run time
    // (`swift_beginAccess`/`swift_endAccess` and a thread-local access set), which callgrind
    // counted as 42 % of a `trySend` + `tryReceive` pair. The mutex already guarantees that
    // accesses never overlap.
    @usableFromInline let stateStorage: UnsafeMutablePointer<CondvarChannelStateMachine<Element>>
    @inlinable var state: CondvarChannelStateMachine<Element> {
        unsafeAddress { UnsafePointer(stateStorage) }
        unsafeMutableAddress { stateStorage }
    }

    public let capacity: ChannelCapacity

    /// Short spin rounds (mutex released) a blocked operation makes before it parks.
    /// Why: parking costs the blocked thread a futex wait and its waker a futex wake *per
    /// message* while the other side is only a moment behind. Measured on 2 vCPUs, mpsc 4×1 at
    /// capacity 1024: every receive woke one parked producer (a syscall pair and two context
    /// switches per message; 1.2–5.9 µs/msg against `std::sync::mpsc`'s 0.3–0.45). A bounded
    /// spin lets the other core make room (or a message) first, as crossbeam's and Rust std's
    /// backoff do. Not `sched_yield()`: a yielding thread loses the CPU to busy neighbours for
    /// whole time slices (CFS gives woken sleepers, not yielders, priority); under the test
    /// suite's oversubscription that made a capacity-1 exchange take milliseconds per message.
    @inlinable static var spinRoundsBeforeParking: Int { 6 }

    /// Creates a channel; `capacity` must not be `.bounded` with a negative count.
    public init(capacity: ChannelCapacity) {
        self.capacity = capacity
        stateStorage = .allocate(capacity: 1)
        stateStorage.initialize(to: CondvarChannelStateMachine(capacity: capacity))
    }

    deinit {
        // Releases every undelivered message with the state.
        stateStorage.deinitialize(count: 1)
        stateStorage.deallocate()
    }

    @inlinable public var count: Int { mutex.withLock { state.count } }
    @inlinable public var isClosed: Bool { mutex.withLock { state.isClosed } }

    @inlinable @inline(__always)
    func perform(_ wake: CondvarWakeups) {
        if wake.isEmpty { return }
        if wake.contains(.signalNotEmpty) { notEmpty.signal() }
        if wake.contains(.signalNotFull) { notFull.signal() }
        if wake.contains(.broadcastNotEmpty) { notEmpty.broadcast() }
        if wake.contains(.broadcastNotFull) { notFull.broadcast() }
    }

    // MARK: send

    @inlinable
    public func send(_ element: Element) throws(ChannelClosedError) {
        switch send(element, deadline: nil) {
        case .sent: return
        case .closed: throw ChannelClosedError()
        case .timedOut: preconditionFailure("a send without deadline cannot time out")
        }
    }

    @inlinable
    public func send(_ element: Element, timeout: Duration) -> SendTimeoutResult {
        send(element, deadline: .after(timeout))
    }

    @inlinable
    public func trySend(_ element: Element) -> TrySendResult {
        mutex.lock()
        let (result, wake) = state.isRendezvous ? state.tryOffer(element) : state.send(element)
        mutex.unlock()
        perform(wake)
        return result
    }

    @inlinable
    func send(_ element: Element, deadline: MonotonicDeadline?) -> SendTimeoutResult {
        mutex.lock()
        if state.isRendezvous { return rendezvousSendLocked(element, deadline: deadline) }
        var spins = 0
        while true {
            let (result, wake) = state.send(element)
            switch result {
            case .sent:
                mutex.unlock()
                perform(wake)
                return .sent
            case .closed:
                mutex.unlock()
                return .closed
            case .full:
                if spins < Self.spinRoundsBeforeParking, deadline?.hasPassed != true {
                    spinWithoutLock(round: spins)
                    spins += 1
                    continue
                }
                if !waitForRoom(deadline) {
                    mutex.unlock()
                    return .timedOut
                }
            }
        }
    }

    /// Spins `1 << round` CPU pause hints with the mutex released; returns with it held again.
    @inlinable @inline(__always)
    func spinWithoutLock(round: Int) {
        mutex.unlock()
        for _ in 0..<(1 << round) { cpuRelax() }
        mutex.lock()
    }

    /// Waits on not-full with the mutex held. Returns `false` once the deadline has passed;
    /// the caller then gives up (after the final re-check it already made).
    @inlinable
    func waitForRoom(_ deadline: MonotonicDeadline?) -> Bool {
        if let deadline, deadline.hasPassed { return false }
        state.senderWillSleep()
        if let deadline {
            _ = notFull.wait(mutex, until: deadline)
        } else {
            notFull.wait(mutex)
        }
        // Timed out or not, loop once more: a message may have made room meanwhile, and a
        // signal that raced with the timeout must not be lost (a retry that sends passes the
        // wake-up on while room is left; one that finds the channel full had nothing to pass).
        state.senderWoke()
        return true
    }

    /// Rendezvous: post an offer, then wait until a receiver takes it. Called with the mutex
    /// held; returns with it released.
    @inlinable
    func rendezvousSendLocked(_ element: Element, deadline: MonotonicDeadline?) -> SendTimeoutResult {
        guard let (ticket, wake) = state.offer(element) else {
            mutex.unlock()
            return .closed
        }
        if !wake.isEmpty {
            // Signal with the lock released, then take it back to wait for the hand-off.
            mutex.unlock()
            perform(wake)
            mutex.lock()
        }
        // A waiting receiver takes the offer within a moment: wait for that without registering
        // as a waiter (so the taker needs no broadcast) before parking.
        for round in 0..<Self.spinRoundsBeforeParking {
            if state.isTaken(ticket) || state.isClosed || deadline?.hasPassed == true { break }
            spinWithoutLock(round: round)
        }
        state.senderWillWait()
        defer { state.senderDidWait(); mutex.unlock() }
        while true {
            if state.isTaken(ticket) { return .sent }
            if state.isClosed {
                return state.retract(ticket) ? .closed : .sent
            }
            if let deadline {
                if deadline.hasPassed {
                    return state.retract(ticket) ? .timedOut : .sent
                }
                _ = notFull.wait(mutex, until: deadline)
            } else {
                notFull.wait(mutex)
            }
        }
    }

    // MARK: receive

    @inlinable
    public func receive() -> Element? {
        switch receive(deadline: nil) {
        case .value(let element): return element
        case .closed: return nil
        case .timedOut: preconditionFailure("a receive without deadline cannot time out")
        }
    }

    @inlinable
    public func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> {
        receive(deadline: .after(timeout))
    }

    @inlinable
    public func tryReceive() -> TryReceiveResult<Element> {
        mutex.lock()
        let (result, wake) = state.receive()
        mutex.unlock()
        perform(wake)
        return result
    }

    @inlinable
    func receive(deadline: MonotonicDeadline?) -> ReceiveTimeoutResult<Element> {
        mutex.lock()
        var spins = 0
        while true {
            let (result, wake) = state.receive()
            switch result {
            case .value(let element):
                mutex.unlock()
                perform(wake)
                return .value(element)
            case .closed:
                mutex.unlock()
                return .closed
            case .empty:
                if spins < Self.spinRoundsBeforeParking, deadline?.hasPassed != true {
                    spinWithoutLock(round: spins)
                    spins += 1
                    continue
                }
                if let deadline {
                    if deadline.hasPassed {
                        mutex.unlock()
                        return .timedOut
                    }
                    state.receiverWillSleep()
                    _ = notEmpty.wait(mutex, until: deadline)
                } else {
                    state.receiverWillSleep()
                    notEmpty.wait(mutex)
                }
                state.receiverWoke()
            }
        }
    }

    // MARK: select

    /// `false` at capacity 0: a rendezvous hand-off needs a partner that is committed to it,
    /// which a select waiting on other channels too is not.
    public var acceptsSelect: Bool { capacity != .bounded(0) }

    public func registerSelect(_ waiter: SelectWaiter, for side: SelectSide) -> Bool {
        mutex.withLock { state.registerSelect(waiter, for: side) }
    }

    public func unregisterSelect(_ waiter: SelectWaiter, for side: SelectSide) {
        mutex.withLock { state.unregisterSelect(waiter, for: side) }
    }

    // MARK: close

    @inlinable
    public func close() {
        mutex.lock()
        let wake = state.close()
        mutex.unlock()
        perform(wake)
    }
}

extension ChannelDescriptor {
    /// pthread mutex + two condition variables; bounded (incl. rendezvous) and unbounded.
    public static let condvar = ChannelDescriptor(
        name: "condvar",
        family: "lock",
        summary: "pthread mutex + not-empty/not-full condition variables, Deque buffer",
        supportsRendezvous: true,
        supportsBounded: true,
        minimumBoundedCapacity: 1,
        supportsUnbounded: true,
        select: .blockingExceptRendezvous,
        maker: .blocking(BuiltInBlockingMaker(flavor: .condvar))
    )
}
