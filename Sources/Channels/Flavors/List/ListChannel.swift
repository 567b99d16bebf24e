import Synchronization

/// A lock-free, unbounded, multi-producer multi-consumer channel that blocks threads: a linked
/// list of blocks of 31 slots, freed as they drain.
///
/// The algorithm is crossbeam-channel's `list` flavor. `tail` and `head` are each an index and
/// a block pointer on their own 128-byte block. A sender claims the index at `tail` with one
/// compare-and-swap, writes the element and sets the slot's `write` bit; the sender that claims
/// a block's last slot links in the next block (allocated before its CAS, so others wait only
/// for two stores). A receiver claims the index at `head` with one CAS, waits for the `write`
/// bit, moves the element out and sets `read`; the receiver of a block's last slot frees the
/// block once every other slot of it is read (`read`/`destroy` bits, see ``ListBlock``).
///
/// ## Guarantees
/// - **Unbounded**: `send` never waits; `trySend` never says `.full`. Memory is one block per
///   31 queued messages (plus the block being filled), and every block is freed by the
///   receiver that drains it: after a drain the channel holds at most one block.
/// - **MPMC, FIFO**: one global order (the order of successful tail claims), hence
///   per-producer FIFO; each message is received exactly once.
/// - **Lock-free fast path**: a send is one CAS, one element copy, one `write` RMW and one load
///   of the receivers' sleeper count (a system call only when a receiver is parked); a receive
///   is one CAS, one element move and one `read` RMW. Waiting for a sender that claimed a slot
///   but has not written it, or for a block hand-over, spins then yields, never parks: that
///   thread is running or runnable.
/// - **Waiting**: a receive on an empty channel spins, yields, then parks on a futex-backed
///   ``EventCount`` (see ``Backoff``), as the ring does; no wake-up is lost because a receiver
///   parks only when head and tail, read after it registered, say empty, and every send claims
///   its index with a sequentially consistent CAS before it checks for sleepers.
/// - **Close**: a mark bit in `tail`. Afterwards sends fail, receivers drain what was sent and
///   then get `nil`/`.closed`; parked receivers are woken. Idempotent.
/// - **Timeouts** return `.timedOut` no earlier than the deadline (CLOCK_MONOTONIC); a woken
///   receiver that finds nothing keeps waiting for the time left.
/// - **Try operations are linearizable**: `tryReceive` says `.empty` only when head equals
///   tail; a claimed but unwritten message is waited for, as in crossbeam.
/// - A received element is moved out of its slot (the channel keeps no reference to it);
///   dropping the channel releases every element still queued and frees every block.
/// - **Select** (``SelectableChannel``), as the ring takes part: a select waiting to receive
///   registers in a list of its own and counts itself as a sleeper of `notEmpty`, so the
///   sleeper check every send already makes covers it, and a list nobody selects on runs the
///   same hot path. A send is always ready (unbounded), so a select never waits to send.
public final class ListChannel<Element: Sendable>: SelectableChannel, @unchecked Sendable {
    // @unchecked Sendable: shared state is reached through atomics; a slot's element is touched
    // only by the sender whose CAS claimed it, then by the receiver whose CAS claimed it,
    // ordered by the slot's `write` bit.

    public var capacity: ChannelCapacity { .unbounded }

    /// `head` (index, block) at byte 0, `tail` at `cacheLineBlock`, the live-block count at
    /// `2 * cacheLineBlock`: no two of them share a line pair.
    private let positions: UnsafeMutableRawPointer
    /// Receivers park here while the channel is empty; senders notify after each write.
    private let notEmpty = EventCount()
    /// Selects waiting for a message or close; each also counts as a sleeper of `notEmpty`.
    private let receiveSelectors = PthreadLockedState(SelectWaiters())

    /// Creates an empty channel. The first block is allocated by the first send.
    public init() {
        positions = UnsafeMutableRawPointer.allocate(byteCount: 3 * cacheLineBlock, alignment: cacheLineBlock)
        for offset in [0, 8, cacheLineBlock, cacheLineBlock + 8] {
            (positions + offset).bindMemory(to: Atomic<UInt>.self, capacity: 1).initialize(to: Atomic(0))
        }
        (positions + 2 * cacheLineBlock).bindMemory(to: Atomic<Int>.self, capacity: 1).initialize(to: Atomic(0))
    }

    /// Creates a list for a `ChannelCapacity`, throwing for any capacity but `.unbounded`.
    public convenience init(capacity: ChannelCapacity) throws(ChannelConfigurationError) {
        switch capacity {
        case .unbounded: self.init()
        case .bounded(let n) where n < 0: throw .negativeCapacity(n)
        case .bounded: throw .unsupportedCapacity(implementation: "list", capacity: capacity)
        }
    }

    deinit {
        // No other thread holds a reference, so every index from head to tail is a written
        // slot or a block-end marker, and every block before head's is already freed.
        var index = headIndex.pointee.load(ordering: .acquiring) & ~ListIndex.markBit
        let end = tailIndex.pointee.load(ordering: .acquiring) & ~ListIndex.markBit
        var blockBits = headBlock.pointee.load(ordering: .acquiring)
        while index != end {
            let block = ListBlock<Element>(bits: blockBits)
            let offset = ListIndex.offset(index)
            if offset < ListIndex.blockCapacity {
                block.discard(at: offset)
            } else {
                blockBits = block.next.pointee.load(ordering: .acquiring)
                block.deallocate()
            }
            index &+= ListIndex.step
        }
        if blockBits != 0 { ListBlock<Element>(bits: blockBits).deallocate() }
        positions.deallocate()
    }

    // MARK: Positions

    private var headIndex: UnsafeMutablePointer<Atomic<UInt>> {
        @inline(__always) get { positions.assumingMemoryBound(to: Atomic<UInt>.self) }
    }
    private var headBlock: UnsafeMutablePointer<Atomic<UInt>> {
        @inline(__always) get { (positions + 8).assumingMemoryBound(to: Atomic<UInt>.self) }
    }
    private var tailIndex: UnsafeMutablePointer<Atomic<UInt>> {
        @inline(__always) get { (positions + cacheLineBlock).assumingMemoryBound(to: Atomic<UInt>.self) }
    }
    private var tailBlock: UnsafeMutablePointer<Atomic<UInt>> {
        @inline(__always) get { (positions + cacheLineBlock + 8).assumingMemoryBound(to: Atomic<UInt>.self) }
    }
    private var liveBlockCount: UnsafeMutablePointer<Atomic<Int>> {
        @inline(__always) get { (positions + 2 * cacheLineBlock).assumingMemoryBound(to: Atomic<Int>.self) }
    }

    private func allocateBlock() -> ListBlock<Element> {
        liveBlockCount.pointee.wrappingAdd(1, ordering: .relaxed)
        return ListBlock.allocate()
    }

    private func deallocateUnused(_ block: ListBlock<Element>) {
        block.deallocate()
        liveBlockCount.pointee.wrappingSubtract(1, ordering: .relaxed)
    }

    // MARK: Claims
    //
    // As in the ring, statuses and claims are non-generic so unspecialized callers (through
    // `any BlockingChannel<Element>`) need no metadata lookups on the hot path.

    /// Claims the slot at `tail` for a send. On `.done` the caller must write it.
    @inline(__always)
    private func claimSend() -> ListClaim {
        var backoff = Backoff()
        var tail = tailIndex.pointee.load(ordering: .acquiring)
        // Acquire, after the index: the block is at least as new as the index (the installer
        // stores the block before it moves the index past the block-end marker).
        var blockBits = tailBlock.pointee.load(ordering: .acquiring)
        // The next block, allocated before the CAS that claims a block's last slot so others
        // wait for the hand-over as briefly as possible.
        var spare: ListBlock<Element>?
        while true {
            if tail & ListIndex.markBit != 0 {
                if let spare { deallocateUnused(spare) }
                return ListClaim(.closed)
            }
            let offset = ListIndex.offset(tail)
            if offset == ListIndex.blockCapacity {
                // Another sender is linking in the next block.
                backoff.snooze()
                tail = tailIndex.pointee.load(ordering: .acquiring)
                blockBits = tailBlock.pointee.load(ordering: .acquiring)
                continue
            }
            if offset &+ 1 == ListIndex.blockCapacity && spare == nil {
                spare = allocateBlock()
            }
            if blockBits == 0 {
                // The very first send installs the first block.
                let first = allocateBlock()
                if tailBlock.pointee.compareExchange(
                    expected: 0, desired: first.bits, successOrdering: .releasing, failureOrdering: .relaxed
                ).exchanged {
                    headBlock.pointee.store(first.bits, ordering: .releasing)
                    blockBits = first.bits
                } else {
                    // Another sender installed it; keep ours as the spare if one is needed.
                    if spare == nil { spare = first } else { deallocateUnused(first) }
                    tail = tailIndex.pointee.load(ordering: .acquiring)
                    blockBits = tailBlock.pointee.load(ordering: .acquiring)
                    continue
                }
            }
            // Sequentially consistent: this CAS is the state change a parking receiver's
            // re-check pairs with (EventCount protocol).
            let (won, current) = tailIndex.pointee.weakCompareExchange(
                expected: tail, desired: tail &+ ListIndex.step,
                successOrdering: .sequentiallyConsistent, failureOrdering: .acquiring)
            if won {
                if offset &+ 1 == ListIndex.blockCapacity {
                    // Claimed the last slot: link in the next block and step past the marker.
                    // Block before index (release), so a sender that sees the new index sees
                    // the new block; `next` last, for the receiver crossing the boundary.
                    guard let next = spare else { preconditionFailure("list: no spare block for the hand-over") }
                    spare = nil
                    tailBlock.pointee.store(next.bits, ordering: .releasing)
                    tailIndex.pointee.wrappingAdd(ListIndex.step, ordering: .releasing)
                    ListBlock<Element>(bits: blockBits).next.pointee.store(next.bits, ordering: .releasing)
                }
                if let spare { deallocateUnused(spare) }
                return ListClaim(.done, block: blockBits, offset: offset)
            }
            tail = current
            blockBits = tailBlock.pointee.load(ordering: .acquiring)
            backoff.spin()
        }
    }

    /// Claims the slot at `head` for a receive: `.done` (finish with ``finishReceive(_:)``),
    /// `.closed` (closed and drained), or `.unavailable` (empty).
    @inline(__always)
    private func claimReceive() -> ListClaim {
        var backoff = Backoff()
        var head = headIndex.pointee.load(ordering: .acquiring)
        var blockBits = headBlock.pointee.load(ordering: .acquiring)
        while true {
            let offset = ListIndex.offset(head)
            if offset == ListIndex.blockCapacity {
                // Another receiver is moving head to the next block.
                backoff.snooze()
                head = headIndex.pointee.load(ordering: .acquiring)
                blockBits = headBlock.pointee.load(ordering: .acquiring)
                continue
            }
            var newHead = head &+ ListIndex.step
            if head & ListIndex.markBit == 0 {
                // Not known to have a successor block: compare with tail. Sequentially
                // consistent (fence and load): this is also a parked receiver's re-check, which
                // must see any send's tail CAS or be seen by that send (EventCount protocol).
                atomicMemoryFence(ordering: .sequentiallyConsistent)
                let tail = tailIndex.pointee.load(ordering: .sequentiallyConsistent)
                if head >> ListIndex.shift == tail >> ListIndex.shift {
                    return ListClaim(tail & ListIndex.markBit != 0 ? .closed : .unavailable)
                }
                // Head and tail in different blocks: remember that this one has a successor,
                // so later receivers of this block skip the tail load.
                if ListIndex.block(head) != ListIndex.block(tail) { newHead |= ListIndex.markBit }
            }
            if blockBits == 0 {
                // The first send is installing the first block.
                backoff.snooze()
                head = headIndex.pointee.load(ordering: .acquiring)
                blockBits = headBlock.pointee.load(ordering: .acquiring)
                continue
            }
            let (won, current) = headIndex.pointee.weakCompareExchange(
                expected: head, desired: newHead,
                successOrdering: .sequentiallyConsistent, failureOrdering: .acquiring)
            if won {
                if offset &+ 1 == ListIndex.blockCapacity {
                    // Claimed the block's last slot: move head to the next block, past the
                    // marker, marking it if it already has a successor. Block before index.
                    let next = ListBlock<Element>(bits: blockBits).waitNext()
                    var nextIndex = (newHead & ~ListIndex.markBit) &+ ListIndex.step
                    if next.next.pointee.load(ordering: .relaxed) != 0 { nextIndex |= ListIndex.markBit }
                    headBlock.pointee.store(next.bits, ordering: .releasing)
                    headIndex.pointee.store(nextIndex, ordering: .releasing)
                }
                return ListClaim(.done, block: blockBits, offset: offset)
            }
            head = current
            blockBits = headBlock.pointee.load(ordering: .acquiring)
            backoff.spin()
        }
    }

    /// Second half of a send: writes the element into the claimed slot and wakes a receiver.
    @inline(__always)
    private func finishSend(_ claim: ListClaim, _ element: Element) {
        ListBlock<Element>(bits: claim.block).write(element, at: claim.offset)
        if notEmpty.hasWaiters { wakeOneReceiver() }
    }

    /// Second half of a receive: waits for the slot's sender, moves the element out, and frees
    /// the block when this was its last reader.
    @inline(__always)
    private func finishReceive(_ claim: ListClaim) -> Element {
        let block = ListBlock<Element>(bits: claim.block)
        block.waitWrite(claim.offset)
        let element = block.take(at: claim.offset)
        if claim.offset &+ 1 == ListIndex.blockCapacity {
            ListBlock.destroy(block, from: 0, liveBlocks: liveBlockCount)
        } else if block.state(claim.offset).pointee.bitwiseOr(ListSlotState.read, ordering: .acquiringAndReleasing)
                    .oldValue & ListSlotState.destroy != 0 {
            // The destroyer passed this slot while we were reading: finish its work.
            ListBlock.destroy(block, from: claim.offset &+ 1, liveBlocks: liveBlockCount)
        }
        return element
    }

    /// Claims a slot to receive from, waiting (spin → yield → park) while empty, until
    /// `deadline` if given: `.done`, `.closed`, or `.unavailable` (timed out).
    @inline(__always)
    private func receiveWaiting(deadline: MonotonicDeadline?) -> ListClaim {
        var backoff = Backoff()
        while true {
            let first = claimReceive()
            if first.status != .unavailable { return first }
            if !backoff.isCompleted {
                backoff.snooze()
                continue
            }
            if let deadline, deadline.hasPassed { return ListClaim(.unavailable) }
            let key = notEmpty.prepareWait()
            let recheck = claimReceive()
            if recheck.status != .unavailable {
                notEmpty.cancelWait()
                return recheck
            }
            // Empty by positions after registering: a send from now on does its seq_cst tail
            // CAS and then sees us registered.
            notEmpty.wait(key, deadline: deadline)
        }
    }

    // MARK: BlockingChannel
    //
    // `@_specialize(where Element == Int)`: a prespecialized body for callers through the
    // existential, as the ring has (see RingChannel for why there are no layout ones).

    @_specialize(where Element == Int)
    public func send(_ element: Element) throws(ChannelClosedError) {
        let claim = claimSend()
        guard claim.status == .done else { throw ChannelClosedError() }
        finishSend(claim, element)
    }

    @_specialize(where Element == Int)
    public func trySend(_ element: Element) -> TrySendResult {
        let claim = claimSend()
        guard claim.status == .done else { return .closed }
        finishSend(claim, element)
        return .sent
    }

    /// Never waits: the list is never full.
    @_specialize(where Element == Int)
    public func send(_ element: Element, timeout: Duration) -> SendTimeoutResult {
        let claim = claimSend()
        guard claim.status == .done else { return .closed }
        finishSend(claim, element)
        return .sent
    }

    @_specialize(where Element == Int)
    public func receive() -> Element? {
        let claim = receiveWaiting(deadline: nil)
        guard claim.status == .done else { return nil }
        return finishReceive(claim)
    }

    @_specialize(where Element == Int)
    public func tryReceive() -> TryReceiveResult<Element> {
        let claim = claimReceive()
        switch claim.status {
        case .done: return .value(finishReceive(claim))
        case .closed: return .closed
        case .unavailable: return .empty
        }
    }

    @_specialize(where Element == Int)
    public func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> {
        let claim = receiveWaiting(deadline: .after(timeout))
        switch claim.status {
        case .done: return .value(finishReceive(claim))
        case .closed: return .closed
        case .unavailable: return .timedOut
        }
    }

    /// Marks the channel closed and wakes every parked receiver. Idempotent.
    public func close() {
        let old = tailIndex.pointee.bitwiseOr(ListIndex.markBit, ordering: .sequentiallyConsistent).oldValue
        if old & ListIndex.markBit == 0 {
            notEmpty.notifyAll()
            receiveSelectors.withLock { $0.notifyAll() }
        }
    }

    // MARK: Select

    /// A message was written and somebody waits: a registered select if one can still be
    /// chosen (it tries this channel first), otherwise one parked receiver if there may be one
    /// (selects already chosen elsewhere still count as sleepers until they unregister).
    @inline(never)
    private func wakeOneReceiver() {
        let parked = receiveSelectors.withLock {
            $0.notifyOneOrNeedsParkedWake(countedSleepers: notEmpty.waiterCount)
        }
        if parked { notEmpty.wakeOne() }
    }

    public var acceptsSelect: Bool { true }

    /// Receive: counts the select as a sleeper of `notEmpty`, *then* adds it to the list (every
    /// listed select is counted, so more sleepers than entries means a receiver may be
    /// parked), *then* re-reads head and tail sequentially consistently: this re-check sees a
    /// send (or close) made meanwhile, or that send's sleeper check sees this select (the
    /// EventCount protocol, as a parked receiver) and its notifier, locking the list after
    /// the send, finds the entry or locked before it was added (then the re-check sees the
    /// send). A slot claimed but not yet written counts as ready: the select's `tryReceive`
    /// waits for it. Send: always ready (unbounded; a closed channel fails at once).
    public func registerSelect(_ waiter: SelectWaiter, for side: SelectSide) -> Bool {
        guard side == .receive else { return true }
        _ = notEmpty.prepareWait()
        receiveSelectors.withLock { $0.register(waiter) }
        let tail = tailIndex.pointee.load(ordering: .sequentiallyConsistent)
        let head = headIndex.pointee.load(ordering: .sequentiallyConsistent)
        return tail & ListIndex.markBit != 0 || head >> ListIndex.shift != tail >> ListIndex.shift
    }

    public func unregisterSelect(_ waiter: SelectWaiter, for side: SelectSide) {
        guard side == .receive else { return }
        if receiveSelectors.withLock({ $0.unregister(waiter) }) { notEmpty.cancelWait() }
    }

    public var isClosed: Bool {
        tailIndex.pointee.load(ordering: .acquiring) & ListIndex.markBit != 0
    }

    /// Messages queued right now (including ones whose sender is still writing them), from one
    /// consistent snapshot of head and tail.
    public var count: Int {
        while true {
            var tail = tailIndex.pointee.load(ordering: .sequentiallyConsistent)
            var head = headIndex.pointee.load(ordering: .sequentiallyConsistent)
            // Retry until tail did not move while head was read.
            guard tailIndex.pointee.load(ordering: .sequentiallyConsistent) == tail else { continue }
            tail &= ~ListIndex.markBit
            head &= ~ListIndex.markBit
            // An index on a block-end marker counts as the next block's first.
            if ListIndex.offset(tail) == ListIndex.blockCapacity { tail &+= ListIndex.step }
            if ListIndex.offset(head) == ListIndex.blockCapacity { head &+= ListIndex.step }
            // Rotate both so head falls in lap 0 (indices wrap), then subtract the markers
            // between them.
            let rotation = (ListIndex.block(head) &* ListIndex.lap) << ListIndex.shift
            let t = (tail &- rotation) >> ListIndex.shift
            let h = (head &- rotation) >> ListIndex.shift
            return Int(t &- h &- t / ListIndex.lap)
        }
    }

    /// Receivers registered as parked (or about to park) right now, selects waiting on it
    /// included: a snapshot for tests.
    public var parkedReceivers: Int { notEmpty.waiterCount }

    /// Blocks allocated and not yet freed right now (including a sender's spare for the next
    /// block hand-over): a snapshot for tests and diagnostics.
    public var liveBlocks: Int { liveBlockCount.pointee.load(ordering: .relaxed) }
}

/// Outcome of one claim. Not nested in the generic class, so unspecialized code never has to
/// instantiate its metadata.
enum ListAttempt {
    case done
    /// Empty at one instant (receive); from a waiting receive, "the deadline passed".
    case unavailable
    case closed
}

/// A claim's outcome plus, on `.done`, the slot it owns.
struct ListClaim {
    let status: ListAttempt
    /// The slot's block, as an address.
    let block: UInt
    let offset: UInt

    @inline(__always)
    init(_ status: ListAttempt, block: UInt = 0, offset: UInt = 0) {
        self.status = status
        self.block = block
        self.offset = offset
    }
}
