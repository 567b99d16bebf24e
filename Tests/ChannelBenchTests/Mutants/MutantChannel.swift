import ChannelBench
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, otherwise correct pthread mutex + condition-variable channel (bounded n >= 0 and
/// unbounded) with exactly one injected ``MutantBug``. With `.none` it is the control that must
/// pass every check. TEST TARGET ONLY: never registered in the product.
final class MutantChannel<Element: Sendable>: BlockingChannel, @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `mutex` (a heap-allocated pthread mutex).
    let capacity: ChannelCapacity
    private let bug: MutantBug
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let notEmpty: UnsafeMutablePointer<pthread_cond_t>
    private let notFull: UnsafeMutablePointer<pthread_cond_t>
    // Optional slots: a received element is released at once (cleared), as the contract asks.
    private var buffer: [Element?] = []
    private var head = 0
    // Capacity 0: a send deposits its element (at most one at a time) and waits until a
    // receiver took it; `taken` counts takes, `deposits` deposits.
    private var deposits = 0
    private var taken = 0
    private var waitingReceivers = 0
    private var lastReceived: Element?
    private var wakePending = false
    private var closed = false
    private var appends = 0
    private var held: Element?
    private let sendersInFlight = Atomic<Int>(0)
    private let contended = Atomic<Int>(0)

    init(capacity: ChannelCapacity, bug: MutantBug) {
        self.capacity = capacity
        self.bug = bug
        mutex = .allocate(capacity: 1)
        notEmpty = .allocate(capacity: 1)
        notFull = .allocate(capacity: 1)
        check(pthread_mutex_init(mutex, nil))
        var attr = pthread_condattr_t()
        check(pthread_condattr_init(&attr))
        check(pthread_condattr_setclock(&attr, CLOCK_MONOTONIC))
        check(pthread_cond_init(notEmpty, &attr))
        check(pthread_cond_init(notFull, &attr))
        pthread_condattr_destroy(&attr)
    }

    deinit {
        pthread_cond_destroy(notEmpty)
        pthread_cond_destroy(notFull)
        pthread_mutex_destroy(mutex)
        notEmpty.deallocate()
        notFull.deallocate()
        mutex.deallocate()
    }

    private func check(_ rc: Int32) { precondition(rc == 0, "pthread call failed: \(rc)") }
    private func lock() { check(pthread_mutex_lock(mutex)) }
    private func unlock() { check(pthread_mutex_unlock(mutex)) }

    private var buffered: Int { buffer.count - head }
    private var isFull: Bool {
        guard let n = capacity.limit else { return false }
        return bug == .exceedsCapacityByOne || bug == .countsOneOverCapacity ? buffered > n : buffered >= n
    }

    /// Wait on `cond`; `false` if the deadline passed.
    private func wait(_ cond: UnsafeMutablePointer<pthread_cond_t>, _ deadline: MonotonicDeadline?) -> Bool {
        guard let deadline else {
            check(pthread_cond_wait(cond, mutex))
            return true
        }
        if deadline.hasPassed { return false }
        var ts = deadline.timespec
        let rc = pthread_cond_timedwait(cond, mutex, &ts)
        precondition(rc == 0 || rc == ETIMEDOUT, "pthread_cond_timedwait: \(rc)")
        return true
    }

    // MARK: the buggy and correct mutations (mutex held)

    /// Returns `false` if the message was (wrongly) dropped.
    private func append(_ e: Element, contendedSend: Bool) -> Bool {
        appends += 1
        switch bug {
        case .dropsEveryThousandth where appends % 1000 == 0:
            return false
        case .duplicatesEveryThousandth where appends % 1000 == 0:
            buffer.append(e)
            buffer.append(e)
            return true
        case .swapsTwoMessages where appends == 500:
            held = e
            return true
        case .swapsTwoMessages where appends == 501:
            buffer.append(e)
            if let h = held { buffer.append(h) }
            held = nil
            return true
        case .losesAtBlockBoundary where appends == 8192:
            return false
        case .reordersWhenDeep where buffered >= 4096:
            buffer.insert(e, at: buffer.count - 1)
            return true
        default:
            break
        }
        if contendedSend && bug == .losesUnderContention && contended.wrappingAdd(1, ordering: .relaxed).newValue % 16 == 0 {
            return false
        }
        if bug == .reordersOneProducer && appends % 5 == 0 && buffered > 0 {
            buffer.insert(e, at: buffer.count - 1)
            return true
        }
        buffer.append(e)
        // Duplicate only where the copy fits, so the bug shows as a duplicate, not as overflow.
        if contendedSend && bug == .duplicatesUnderContention && !isFull
            && contended.wrappingAdd(1, ordering: .relaxed).newValue % 16 == 0 {
            buffer.append(e)
        }
        return true
    }

    private func removeFirst() -> Element {
        let e = buffer[head]!
        if bug != .keepsReceivedAlive { buffer[head] = nil }
        if bug == .keepsLastReceived { lastReceived = e }
        head += 1
        if head > 64 && head * 2 > buffer.count {
            buffer.removeFirst(head)
            head = 0
        }
        return e
    }

    // MARK: BlockingChannel

    var count: Int {
        if bug == .countsOneOverCapacity { return (capacity.limit ?? 0) + 1 }
        // A rendezvous channel buffers nothing: a deposited element is still its sender's.
        if capacity == .bounded(0) { return 0 }
        lock(); defer { unlock() }
        return buffered
    }
    var isClosed: Bool { lock(); defer { unlock() }; return closed }

    private enum SendStep { case sent, closed, timedOut }

    private func sendCore(_ e: Element, deadline: MonotonicDeadline?, tryOnly: Bool) -> SendStep {
        let overlapping = sendersInFlight.wrappingAdd(1, ordering: .relaxed).newValue > 1
        defer { sendersInFlight.wrappingSubtract(1, ordering: .relaxed) }
        if capacity == .bounded(0) { return rendezvousSend(e, deadline: deadline, tryOnly: tryOnly) }
        lock()
        var waited = false
        while !closed && isFull {
            waited = true
            if tryOnly || !wait(notFull, deadline) {
                unlock()
                return .timedOut
            }
            if bug == .timedSendGivesUpWhenRobbed && deadline != nil && !closed && isFull {
                // The injected bug: woken, but another sender took the slot: give up early.
                unlock()
                return .timedOut
            }
        }
        if closed {
            unlock()
            return .closed
        }
        let wasEmpty = buffered == 0
        let kept: Bool
        if waited && bug == .parkedSendJumpsQueue {
            buffer.insert(e, at: head)
            kept = true
        } else {
            kept = append(e, contendedSend: overlapping)
        }
        var wake = true
        if bug == .wakesOnlyWhenEmpty { wake = wasEmpty }
        if bug == .skipsWakeWhilePending {
            wake = !wakePending
            wakePending = true
        }
        unlock()
        // A dropped message leaves its slot free: pass the wake-up on to the next sender, so
        // the bug shows as a loss rather than as a stall.
        if !kept {
            check(pthread_cond_signal(notFull))
        } else if wake {
            check(pthread_cond_signal(notEmpty))
        }
        return .sent
    }

    /// Capacity 0: wait for the slot, deposit, wake a receiver, then wait until it was taken.
    /// A try send deposits only for a waiting receiver and withdraws if that receiver left.
    /// A send that gives up (deadline, close) withdraws its element: nothing was delivered.
    private func rendezvousSend(_ e: Element, deadline: MonotonicDeadline?, tryOnly: Bool) -> SendStep {
        lock()
        let overCommit = bug == .rendezvousOverCommits && waitingReceivers > 0
        while !closed && buffered > 0 && !overCommit {
            if tryOnly || !wait(notFull, deadline) {
                unlock()
                return .timedOut
            }
        }
        if closed {
            unlock()
            return .closed
        }
        if tryOnly && waitingReceivers == 0 {
            unlock()
            return .timedOut
        }
        buffer.append(e)
        deposits += 1
        let mine = deposits
        check(pthread_cond_signal(notEmpty))
        if overCommit || (bug == .rendezvousSometimesBuffers && mine % 16 == 0) {
            // The injected bugs: complete before any receiver took the element.
            unlock()
            return .sent
        }
        while taken < mine {
            let withdraw = closed || (tryOnly && waitingReceivers == 0) || !wait(notFull, deadline)
            if withdraw && taken < mine {
                // Never taken: as if never deposited, so the next deposit's number is right.
                buffer.removeLast()
                deposits -= 1
                let step: SendStep = closed ? .closed : .timedOut
                unlock()
                check(pthread_cond_broadcast(notFull))
                return step
            }
        }
        unlock()
        return .sent
    }

    func send(_ element: Element) throws(ChannelClosedError) {
        if sendCore(element, deadline: nil, tryOnly: false) != .sent { throw ChannelClosedError() }
    }

    func trySend(_ element: Element) -> TrySendResult {
        switch sendCore(element, deadline: nil, tryOnly: true) {
        case .sent: return .sent
        case .closed: return .closed
        case .timedOut: return .full
        }
    }

    func send(_ element: Element, timeout: Duration) -> SendTimeoutResult {
        switch sendCore(element, deadline: .after(timeout), tryOnly: false) {
        case .sent: return .sent
        case .closed: return .closed
        case .timedOut: return .timedOut
        }
    }

    private enum ReceiveStep { case value(Element), closed, timedOut }

    private func receiveCore(deadline: MonotonicDeadline?, tryOnly: Bool) -> ReceiveStep {
        lock()
        if bug == .neverDelivers {
            while !closed {
                if tryOnly || !wait(notEmpty, deadline) {
                    unlock()
                    return .timedOut
                }
            }
            unlock()
            return .closed
        }
        while buffered == 0 && !closed {
            if tryOnly {
                unlock()
                return .timedOut
            }
            waitingReceivers += 1
            if bug == .lostWakeup {
                // The injected bug: drop the lock between "it is empty" and parking, without
                // re-checking afterwards. A send in this gap signals nobody.
                unlock()
                sched_yield()
                lock()
            }
            let woken = wait(notEmpty, deadline)
            waitingReceivers -= 1
            if !woken {
                unlock()
                // A try send waiting for this receiver withdraws.
                if capacity == .bounded(0) { check(pthread_cond_broadcast(notFull)) }
                return .timedOut
            }
            wakePending = false
            if bug == .timedReceiveGivesUpWhenRobbed && deadline != nil && buffered == 0 && !closed {
                // The injected bug: woken, but another receiver took the element: give up early.
                unlock()
                return .timedOut
            }
        }
        if buffered == 0 {
            unlock()
            return .closed
        }
        let e = removeFirst()
        if capacity == .bounded(0) { taken += 1 }
        unlock()
        // At capacity 0 the depositor and every sender waiting for the slot re-check.
        check(capacity == .bounded(0) ? pthread_cond_broadcast(notFull) : pthread_cond_signal(notFull))
        return .value(e)
    }

    func receive() -> Element? {
        if case .value(let e) = receiveCore(deadline: nil, tryOnly: false) { return e }
        return nil
    }

    func tryReceive() -> TryReceiveResult<Element> {
        switch receiveCore(deadline: nil, tryOnly: true) {
        case .value(let e): return .value(e)
        case .closed: return .closed
        case .timedOut: return .empty
        }
    }

    func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> {
        switch receiveCore(deadline: .after(timeout), tryOnly: false) {
        case .value(let e): return .value(e)
        case .closed: return .closed
        case .timedOut: return .timedOut
        }
    }

    func close() {
        lock()
        closed = true
        if bug == .closeDropsBuffered {
            buffer.removeAll()
            head = 0
        }
        if bug == .closeDropsNewest && capacity != .bounded(0) && buffered > 0 {
            buffer.removeLast()
        }
        unlock()
        if bug == .closeSkipsParkedSenders {
            check(pthread_cond_broadcast(notEmpty))
        } else if bug == .closeWakesOnlyOne {
            check(pthread_cond_signal(notEmpty))
            check(pthread_cond_signal(notFull))
        } else {
            check(pthread_cond_broadcast(notEmpty))
            check(pthread_cond_broadcast(notFull))
        }
    }
}

/// Makes mutant channels carrying `bug`.
struct MutantMaker: BlockingChannelMaker {
    let bug: MutantBug
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any BlockingChannel<Element> {
        MutantChannel<Element>(capacity: capacity, bug: bug)
    }
}

extension MutantBug {
    /// The mutant's descriptor, handed straight to the verifier (never registered).
    var descriptor: ChannelDescriptor {
        ChannelDescriptor(
            name: self == .none ? "mutant-control" : "mutant-\(rawValue)",
            family: "test-mutant",
            summary: "pthread condvar channel with injected bug: \(rawValue)",
            supportsRendezvous: offersRendezvous, supportsBounded: true, supportsUnbounded: true,
            maker: .blocking(MutantMaker(bug: self)))
    }
}
