import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock-free, bounded, multi-producer multi-consumer ring buffer channel that blocks threads.
///
/// The algorithm is Dmitry Vyukov's bounded MPMC queue as refined by crossbeam-channel's
/// `array` flavor: every slot carries a sequence number (*stamp*) saying whether it is ready to
/// be written or read for the current lap; a sender claims the slot at `tail` with one
/// compare-and-swap, writes the element, then publishes it by storing the slot's stamp;
/// a receiver does the mirror image at `head`. `head` and `tail` sit on separate 128-byte
/// blocks so producers and consumers do not false-share.
///
/// ## Guarantees
/// - **Bounded**: holds at most `capacity` elements, for *any* `capacity >= 1` (not just powers
///   of two — positions carry the index in their low bits and the lap above them, as in
///   crossbeam), so `count` never exceeds `capacity`. Capacity 0 (rendezvous) and unbounded
///   are not supported.
/// - **MPMC, FIFO**: one global order (the order of successful tail claims); hence messages
///   of one producer are received in the order sent. Each message is received exactly once.
/// - **Lock-free fast path**: a send or receive that finds room or a message completes with one
///   CAS, one element copy, one stamp store and one load of the other side's sleeper count —
///   no lock and no system call. (As in Vyukov's queue, a receiver that reaches a slot whose
///   sender has claimed but not yet published it must wait for that sender — a window of a
///   few instructions unless the sender is preempted; it spins, then yields, but never parks
///   on such a slot. The same holds for a sender behind a receiver still reading a slot.)
/// - **Waiting**: a blocked operation spins briefly (CPU pause hint), then yields, then *parks*
///   on a futex-backed ``EventCount`` (see ``Backoff`` for the measured limits) — never an
///   endless spin, so far more threads than cores still make progress. A successful operation
///   makes a system call only when some thread of the other side is parked. No wake-up is
///   lost: a thread parks only when head and tail, read after it registered as a sleeper, say
///   full/empty, and every operation that changes that claims its slot with a sequentially
///   consistent CAS before it checks for sleepers (see ``EventCount``).
/// - **Close**: a mark bit in `tail`. After `close()` every send fails, receivers drain what is
///   buffered and then get `nil`/`.closed`; every parked sender and receiver is woken.
///   Idempotent.
/// - **Timeouts** return `.timedOut` no earlier than the deadline (CLOCK_MONOTONIC).
/// - **Try operations are linearizable**: `tryReceive` says `.empty` only when head equals
///   tail (nothing buffered, not even a message still being written) and `trySend` says
///   `.full` only when tail is one lap ahead of head, as in crossbeam. If the slot they need
///   is claimed by a thread that has not finished with it, they wait for that thread (spin,
///   then `sched_yield`) instead of guessing: never park, but not wait-free either — a try
///   operation can take as long as a preempted neighbour needs to be scheduled again.
/// - Dropping the channel releases every element still buffered.
/// - **Select** (``SelectableChannel``): a select registers in a list of its own and counts
///   itself as a sleeper of the side's ``EventCount``, so the check every operation already
///   makes ("is anyone parked?") covers selects too: a ring nobody selects on runs the same
///   hot path. A message (free slot, close) then wakes a registered select in place of a
///   parked thread; the select's re-check after registering reads head and tail
///   sequentially consistently, which is the EventCount protocol's waiter side.
public final class RingChannel<Element: Sendable>: SelectableChannel, @unchecked Sendable {
    // @unchecked Sendable: all shared mutable state is reached through atomics; an element slot
    // is accessed only by the one thread whose CAS claimed it, ordered by the slot's stamp.

    public let capacity: ChannelCapacity

    /// Capacity as the algorithm uses it.
    private let cap: UInt
    /// Bit in `tail` that marks the channel closed; also `(index mask) + 1`.
    private let markBit: UInt
    /// Value added to a position to go one lap around: `2 * markBit`, so the lap bits start
    /// above the mark bit.
    private let oneLap: UInt
    private let slots: RingSlots<Element>
    /// `head` at byte 0, `tail` at byte `cacheLineBlock`: each on its own line pair.
    private let positions: UnsafeMutableRawPointer
    /// Receivers park here while the ring is empty; senders notify after each publish.
    private let notEmpty = EventCount()
    /// Senders park here while the ring is full; receivers notify after freeing a slot.
    private let notFull = EventCount()
    /// Selects waiting for a message or close; each also counts as a waiter of `notEmpty`.
    private let receiveSelectors = PthreadLockedState(SelectWaiters())
    /// Selects waiting for a free slot or close; each also counts as a waiter of `notFull`.
    private let sendSelectors = PthreadLockedState(SelectWaiters())

    /// Creates a ring holding at most `capacity` messages.
    /// - Precondition: `1 <= capacity <= Int.max / 8` (checked; use ``init(capacity:)-(ChannelCapacity)``
    ///   to get an error instead).
    public init(capacity: Int) {
        precondition(capacity >= 1, "RingChannel capacity must be >= 1 (got \(capacity)); rendezvous needs another flavor")
        precondition(capacity <= Int.max / 8, "RingChannel capacity \(capacity) is too large")
        self.capacity = .bounded(capacity)
        cap = UInt(capacity)
        markBit = nextPowerOfTwo(UInt(capacity + 1))
        oneLap = markBit &* 2
        slots = RingSlots(count: capacity)
        positions = UnsafeMutableRawPointer.allocate(byteCount: 2 * cacheLineBlock, alignment: cacheLineBlock)
        positions.bindMemory(to: Atomic<UInt>.self, capacity: 1).initialize(to: Atomic(0))
        (positions + cacheLineBlock).bindMemory(to: Atomic<UInt>.self, capacity: 1).initialize(to: Atomic(0))
    }

    /// Creates a ring for a `ChannelCapacity`, throwing for capacities the ring cannot offer
    /// (rendezvous, unbounded, negative) instead of trapping.
    public convenience init(capacity: ChannelCapacity) throws(ChannelConfigurationError) {
        switch capacity {
        case .bounded(let n) where n < 0: throw .negativeCapacity(n)
        case .bounded(let n) where n >= 1 && n <= Int.max / 8: self.init(capacity: n)
        default: throw .unsupportedCapacity(implementation: "ring", capacity: capacity)
        }
    }

    deinit {
        // No other thread can hold a reference, so no slot is mid-operation: every position
        // from head up to tail holds exactly one initialized element.
        var position = head.pointee.load(ordering: .acquiring)
        let end = tail.pointee.load(ordering: .acquiring) & ~markBit
        while position != end {
            let index = Int(position & (markBit &- 1))
            slots.discard(at: index)
            position = next(position, index: index)
        }
        tail.deinitialize(count: 1)
        head.deinitialize(count: 1)
        positions.deallocate()
    }

    // MARK: Positions

    private var head: UnsafeMutablePointer<Atomic<UInt>> {
        @inline(__always) get { positions.assumingMemoryBound(to: Atomic<UInt>.self) }
    }

    private var tail: UnsafeMutablePointer<Atomic<UInt>> {
        @inline(__always) get { (positions + cacheLineBlock).assumingMemoryBound(to: Atomic<UInt>.self) }
    }

    /// The position after `position` (whose slot index is `index`): the next index, or index 0
    /// of the next lap. Never carries into the mark bit.
    @inline(__always)
    private func next(_ position: UInt, index: Int) -> UInt {
        if UInt(index) &+ 1 < cap { return position &+ 1 }
        return (position & ~(oneLap &- 1)) &+ oneLap
    }

    /// Whether a slot's `stamp` is from an earlier lap than `expected` (wrapping-safe).
    @inline(__always)
    private func isBehind(_ stamp: UInt, _ expected: UInt) -> Bool {
        Int(bitPattern: stamp &- expected) < 0
    }

    // MARK: Single attempts
    //
    // The hot path is written so that *unspecialized* generic code (what a caller gets through
    // `any BlockingChannel<Element>`) needs no runtime metadata lookups, which cost ~300
    // instructions each: statuses are non-generic, and no `Optional<Element>`, tuple or
    // generic enum temporary is formed — the public entry points return the element by value.

    /// One send attempt: retries only lost CAS races (someone else made progress).
    @inline(__always)
    private func attemptSend(_ element: Element) -> RingAttempt {
        // Sequentially consistent position loads: this is also the re-check of a parked sender,
        // which must see a close or a receiver's head CAS (the state change the EventCount
        // protocol pairs with; see `sendWaiting`).
        var position = tail.pointee.load(ordering: .sequentiallyConsistent)
        var contention = Backoff()
        while true {
            if position & markBit != 0 { return .closed }
            let index = Int(position & (markBit &- 1))
            let stamp = slots.stamp(index).pointee.load(ordering: .acquiring)
            if stamp == position {
                // The slot is free for this lap: claim it.
                let (won, current) = tail.pointee.weakCompareExchange(
                    expected: position, desired: next(position, index: index),
                    successOrdering: .sequentiallyConsistent, failureOrdering: .relaxed)
                if won {
                    slots.put(element, at: index)
                    // Publish. A plain release store: the seq_cst CAS above is what a parking
                    // receiver's re-check pairs with, so no full fence is needed per message.
                    slots.stamp(index).pointee.store(position &+ 1, ordering: .releasing)
                    if notEmpty.hasWaiters { wakeOneReceiver() }
                    return .done
                }
                position = current
                contention.spin()
            } else if isBehind(stamp, position) {
                // The slot is still in last lap: its message is unread, being read, or (ring
                // full) still being written. Full only if the positions say so; otherwise a
                // receiver has claimed the slot and is still reading it.
                atomicMemoryFence(ordering: .sequentiallyConsistent)
                let headPosition = head.pointee.load(ordering: .sequentiallyConsistent)
                return headPosition &+ oneLap == position ? .unavailable : .busy
            } else {
                // Our tail was stale: another sender moved on. Reload.
                cpuRelax()
                position = tail.pointee.load(ordering: .sequentiallyConsistent)
            }
        }
    }

    /// One receive attempt: retries only lost CAS races. On `.done` the returned claim names a
    /// slot this thread now owns: the caller must move the element out and then call
    /// ``finishReceive(_:)``. (Split in two so the element is returned by value from the
    /// public entry point, never through an `Optional<Element>` temporary.)
    @inline(__always)
    private func attemptReceive() -> RingClaim {
        var position = head.pointee.load(ordering: .sequentiallyConsistent)
        var contention = Backoff()
        while true {
            let index = Int(position & (markBit &- 1))
            let stamp = slots.stamp(index).pointee.load(ordering: .acquiring)
            if stamp == position &+ 1 {
                // A message for this lap is published: claim it.
                let (won, current) = head.pointee.weakCompareExchange(
                    expected: position, desired: next(position, index: index),
                    successOrdering: .sequentiallyConsistent, failureOrdering: .relaxed)
                if won { return RingClaim(.done, position: position, index: index) }
                position = current
                contention.spin()
            } else if isBehind(stamp, position &+ 1) {
                // Nothing published for this lap yet (or last lap's receiver is still reading
                // the slot). Empty only if the positions say so; otherwise a sender has claimed
                // the slot and is still writing it.
                atomicMemoryFence(ordering: .sequentiallyConsistent)
                let tailPosition = tail.pointee.load(ordering: .sequentiallyConsistent)
                if tailPosition & ~markBit == position {
                    return RingClaim(tailPosition & markBit != 0 ? .closed : .unavailable)
                }
                return RingClaim(.busy)
            } else {
                // Our head was stale: another receiver moved on. Reload.
                cpuRelax()
                position = head.pointee.load(ordering: .sequentiallyConsistent)
            }
        }
    }

    /// Second half of a receive: takes the element of a claimed slot and frees the slot.
    @inline(__always)
    private func finishReceive(_ claim: RingClaim) -> Element {
        let element = slots.take(at: claim.index)
        // Free the slot for the next lap (release: the seq_cst head CAS is what a parking
        // sender's re-check pairs with).
        slots.stamp(claim.index).pointee.store(claim.position &+ oneLap, ordering: .releasing)
        if notFull.hasWaiters { wakeOneSender() }
        return element
    }

    // MARK: Waiting

    /// Sends, waiting (spin → yield → park) while full, until `deadline` if given.
    /// Returns `.done`, `.closed`, or `.unavailable` (timed out).
    @inline(__always)
    private func sendWaiting(_ element: Element, deadline: MonotonicDeadline?) -> RingAttempt {
        var backoff = Backoff()
        while true {
            let first = attemptSend(element)
            if first == .done || first == .closed { return first }
            if !backoff.isCompleted {
                backoff.snooze()
                continue
            }
            if let deadline, deadline.hasPassed { return .unavailable }
            let key = notFull.prepareWait()
            let recheck = attemptSend(element)
            if recheck != .unavailable {
                // Sent, closed, or `.busy`: a receiver has claimed the slot (its head CAS is
                // visible) but not yet freed it. Its notification may already have happened,
                // so sleeping could miss it: stay awake and keep yielding instead.
                notFull.cancelWait()
                if recheck == .done || recheck == .closed { return recheck }
                sched_yield()
                continue
            }
            // Full by positions after registering: any receiver that frees a slot from now on
            // does its seq_cst head CAS and then sees us registered (EventCount protocol).
            notFull.wait(key, deadline: deadline)
        }
    }

    /// Claims a slot to receive from, waiting (spin → yield → park) while empty, until
    /// `deadline` if given. Returns a claim with `.done` (finish it with ``finishReceive(_:)``),
    /// `.closed`, or `.unavailable` (timed out).
    @inline(__always)
    private func receiveWaiting(deadline: MonotonicDeadline?) -> RingClaim {
        var backoff = Backoff()
        while true {
            let first = attemptReceive()
            if first.status == .done || first.status == .closed { return first }
            if !backoff.isCompleted {
                backoff.snooze()
                continue
            }
            if let deadline, deadline.hasPassed { return RingClaim(.unavailable) }
            let key = notEmpty.prepareWait()
            let recheck = attemptReceive()
            if recheck.status != .unavailable {
                // Claimed, closed, or `.busy`: a sender has claimed the slot (its tail CAS is
                // visible) but not yet published it. Its notification may already have
                // happened, so sleeping could miss it: stay awake and keep yielding instead.
                notEmpty.cancelWait()
                if recheck.status == .done || recheck.status == .closed { return recheck }
                sched_yield()
                continue
            }
            // Empty by positions after registering: any sender that claims a slot from now on
            // does its seq_cst tail CAS and then sees us registered (EventCount protocol).
            notEmpty.wait(key, deadline: deadline)
        }
    }

    /// Non-blocking claim: `.done`, `.closed` or `.unavailable` (empty by positions).
    ///
    /// `.busy` means a sender has claimed the head slot but not yet published it; messages
    /// completed after it may sit right behind, so "empty" would be wrong. Wait for that sender
    /// (spin, then yield; never park — it is running or runnable and needs no wake-up), as
    /// crossbeam's `start_recv` does: the wait is bounded by its progress, not by a spin count.
    @inline(__always)
    private func receiveNow() -> RingClaim {
        var backoff = Backoff()
        while true {
            let attempt = attemptReceive()
            guard attempt.status == .busy else { return attempt }
            backoff.snooze()
        }
    }

    // MARK: BlockingChannel
    //
    // Callers reach these through `any BlockingChannel<Element>`, i.e. unspecialized generic
    // code whose element copies go through indirect value-witness calls; code that names the
    // concrete type (the benchmark engine does, see BuiltInFlavor) and is
    // built with cross-module optimization gets a body specialized for its element instead.
    // The `@_specialize(where Element == Int)` attributes add an exact prespecialized body for
    // `Int`, selected at run time by metadata identity (single-threaded send+receive of an `Int`
    // through the existential: ~90 ns generic, ~45 ns prespecialized).
    //
    // No *layout* prespecializations (`@_specialize(where Element: _Trivial(N))`): the generic
    // entry point selects those by size and triviality only, not alignment, and the 32-byte
    // body compiled for them loads the element with aligned SSE moves (`movaps`) from a frame
    // aligned for its representative type. An 8-byte-aligned 32-byte element (the benchmark's
    // `BenchMessage<InlinePayload8>`) passed from a caller's stack slot at 8 mod 16 then faulted
    // (SIGSEGV in `RingSlots.put`, reported with a null address), depending only on where the
    // caller's temporary happened to sit. Regression test: RingElementLayoutTests.

    @_specialize(where Element == Int)
    public func send(_ element: Element) throws(ChannelClosedError) {
        if sendWaiting(element, deadline: nil) != .done { throw ChannelClosedError() }
    }

    @_specialize(where Element == Int)
    public func trySend(_ element: Element) -> TrySendResult {
        var backoff = Backoff()
        while true {
            switch attemptSend(element) {
            case .done: return .sent
            case .closed: return .closed
            case .unavailable: return .full
            case .busy:
                // A receiver has claimed the slot at tail but not yet freed it, so the ring is
                // not full by positions: wait for that receiver (see `receiveNow`).
                backoff.snooze()
            }
        }
    }

    @_specialize(where Element == Int)
    public func send(_ element: Element, timeout: Duration) -> SendTimeoutResult {
        switch sendWaiting(element, deadline: .after(timeout)) {
        case .done: return .sent
        case .closed: return .closed
        case .unavailable, .busy: return .timedOut
        }
    }

    @_specialize(where Element == Int)
    public func receive() -> Element? {
        let claim = receiveWaiting(deadline: nil)
        guard claim.status == .done else { return nil }
        return finishReceive(claim)
    }

    @_specialize(where Element == Int)
    public func tryReceive() -> TryReceiveResult<Element> {
        let claim = receiveNow()
        switch claim.status {
        case .done: return .value(finishReceive(claim))
        case .closed: return .closed
        case .unavailable, .busy: return .empty
        }
    }

    @_specialize(where Element == Int)
    public func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> {
        let claim = receiveWaiting(deadline: .after(timeout))
        switch claim.status {
        case .done: return .value(finishReceive(claim))
        case .closed: return .closed
        case .unavailable, .busy: return .timedOut
        }
    }

    /// Marks the channel closed and wakes every parked sender and receiver. Idempotent.
    public func close() {
        let old = tail.pointee.bitwiseOr(markBit, ordering: .sequentiallyConsistent).oldValue
        if old & markBit == 0 {
            notFull.notifyAll()
            notEmpty.notifyAll()
            sendSelectors.withLock { $0.notifyAll() }
            receiveSelectors.withLock { $0.notifyAll() }
        }
    }

    public var isClosed: Bool {
        tail.pointee.load(ordering: .acquiring) & markBit != 0
    }

    /// Messages buffered right now (including ones whose sender is still writing them); a
    /// consistent snapshot of head and tail, never more than `capacity`.
    public var count: Int {
        while true {
            let t = tail.pointee.load(ordering: .sequentiallyConsistent)
            let h = head.pointee.load(ordering: .sequentiallyConsistent)
            // Retry until tail did not move while we read head, so the pair is one snapshot.
            guard tail.pointee.load(ordering: .sequentiallyConsistent) == t else { continue }
            let headIndex = h & (markBit &- 1)
            let tailIndex = t & (markBit &- 1)
            if headIndex < tailIndex { return Int(tailIndex - headIndex) }
            if headIndex > tailIndex { return Int(cap - headIndex + tailIndex) }
            return (t & ~markBit) == h ? 0 : Int(cap)
        }
    }

    // MARK: Select

    /// A message was published and somebody waits: a registered select if one can still be
    /// chosen (it tries this ring first), otherwise one parked receiver if there may be one
    /// (selects already chosen elsewhere still count as sleepers until they unregister).
    @inline(never)
    private func wakeOneReceiver() {
        let parked = receiveSelectors.withLock {
            $0.notifyOneOrNeedsParkedWake(countedSleepers: notEmpty.waiterCount)
        }
        if parked { notEmpty.wakeOne() }
    }

    /// A slot was freed and somebody waits: a registered select, otherwise one parked sender
    /// if there may be one.
    @inline(never)
    private func wakeOneSender() {
        let parked = sendSelectors.withLock {
            $0.notifyOneOrNeedsParkedWake(countedSleepers: notFull.waiterCount)
        }
        if parked { notFull.wakeOne() }
    }

    public var acceptsSelect: Bool { true }

    /// Counts the select as a sleeper of the side's event count, *then* adds it to the side's
    /// list (so every listed select is counted: a notifier that finds more sleepers than
    /// listed selects knows a thread may be parked), *then* re-checks head and tail
    /// sequentially consistently: either this re-check sees a message (room, close) made
    /// meanwhile, or its maker's check for sleepers sees this select (EventCount protocol) and
    /// its notifier, taking the list's lock after that change, finds the entry or came before
    /// the entry (then the re-check, after the lock, sees the change).
    /// A slot claimed but not yet published counts as ready: the select's `try` waits for it.
    public func registerSelect(_ waiter: SelectWaiter, for side: SelectSide) -> Bool {
        switch side {
        case .receive:
            _ = notEmpty.prepareWait()
            receiveSelectors.withLock { $0.register(waiter) }
        case .send:
            _ = notFull.prepareWait()
            sendSelectors.withLock { $0.register(waiter) }
        }
        let t = tail.pointee.load(ordering: .sequentiallyConsistent)
        let h = head.pointee.load(ordering: .sequentiallyConsistent)
        if t & markBit != 0 { return true }
        switch side {
        case .receive: return t != h
        case .send: return h &+ oneLap != t
        }
    }

    public func unregisterSelect(_ waiter: SelectWaiter, for side: SelectSide) {
        switch side {
        case .receive:
            if receiveSelectors.withLock({ $0.unregister(waiter) }) { notEmpty.cancelWait() }
        case .send:
            if sendSelectors.withLock({ $0.unregister(waiter) }) { notFull.cancelWait() }
        }
    }

    /// Threads registered as parked (or about to park) right now, per side: a snapshot for
    /// tests and diagnostics (e.g. to wait until a blocked sender really is asleep). Selects
    /// waiting on the ring count here too.
    public var parkedThreads: (senders: Int, receivers: Int) {
        (notFull.waiterCount, notEmpty.waiterCount)
    }
}

/// Outcome of one ring operation attempt. Deliberately not nested in the generic class, so
/// unspecialized code never has to instantiate its metadata.
enum RingAttempt {
    case done
    /// Definitely full (send) or empty (receive) at one instant; or, from a waiting
    /// operation, "the deadline passed".
    case unavailable
    /// Another thread is mid-way through the slot we need (claimed but not yet
    /// published/released); it will notify when done.
    case busy
    case closed
}

/// A receive attempt's outcome plus, on `.done`, the slot it claimed.
struct RingClaim {
    let status: RingAttempt
    let position: UInt
    let index: Int

    @inline(__always)
    init(_ status: RingAttempt, position: UInt = 0, index: Int = 0) {
        self.status = status
        self.position = position
        self.index = index
    }
}

/// The smallest power of two >= `n` (`n >= 1`).
@inline(__always)
private func nextPowerOfTwo(_ n: UInt) -> UInt {
    n <= 1 ? 1 : 1 &<< (UInt.bitWidth - (n - 1).leadingZeroBitCount)
}
