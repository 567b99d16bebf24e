/// What a select ended with. Written into the select's token by whoever claimed it, read back
/// by the selecting task after it resumes.
@usableFromInline
enum AsyncSelectResolution: Sendable {
    /// Case `caseIndex` (a receive) took `element`.
    case received(caseIndex: Int, element: any Sendable)
    /// Case `caseIndex` (a receive) found its channel closed and drained.
    case receivedClosed(caseIndex: Int)
    /// Case `caseIndex` (a send) delivered its element (buffered or handed to a receiver).
    case sent(caseIndex: Int)
    /// Case `caseIndex` (a send) found its channel closed; its element was not delivered.
    case sendClosed(caseIndex: Int)
    case timedOut
    case cancelled
}

/// The one-shot token shared by every waiter of one select: the first party to claim it (a
/// channel completing one of the select's operations, the timeout or the cancellation) decides
/// the select's outcome; every later claim fails, and a channel that fails to claim drops the
/// waiter instead of completing it. Claims happen under the channel's lock with the element
/// moved in the same critical section, which is what makes a select perform exactly one
/// operation, and a cancelled or timed-out one none.
///
/// Lock order: a channel's lock, then token locks (two at once in address order, for a select
/// meeting another select). A token lock is a leaf: nothing is locked or resumed under it.
@usableFromInline
final class AsyncSelectToken: Sendable {
    @usableFromInline
    enum Phase: Sendable {
        /// Not claimed; the continuation is `nil` until the select suspends.
        case open(UnsafeContinuation<Void, Never>?)
        case resolved(AsyncSelectResolution)
    }

    @usableFromInline let phase = PthreadLockedState(Phase.open(nil))

    @usableFromInline init() {}

    @usableFromInline
    enum Claim {
        /// The claim decided the select: resume this continuation outside every lock (`nil`
        /// when the select has not suspended yet; it will find the resolution itself).
        case won(UnsafeContinuation<Void, Never>?)
        /// Someone claimed it first: do nothing on the select's behalf.
        case lost
    }

    /// Claims the token for `resolution`, if nobody has.
    @usableFromInline
    func claim(_ resolution: AsyncSelectResolution) -> Claim {
        phase.withLock { Self.claim(&$0, resolution) }
    }

    @usableFromInline
    enum PairClaim {
        case won(UnsafeContinuation<Void, Never>?, UnsafeContinuation<Void, Never>?)
        /// The first token was already claimed; the second was left alone.
        case firstLost
        /// The second token was already claimed; the first was left alone.
        case secondLost
    }

    /// Claims two different tokens atomically (both or neither), for an operation of one select
    /// that completes an operation of another. Locks them in address order, so two selects
    /// meeting from both sides cannot deadlock.
    ///
    /// - Precondition: `first !== second` (a select never matches its own operations).
    @usableFromInline
    static func claimBoth(
        _ first: AsyncSelectToken, _ firstResolution: AsyncSelectResolution,
        _ second: AsyncSelectToken, _ secondResolution: AsyncSelectResolution
    ) -> PairClaim {
        precondition(first !== second, "AsyncSelect: a select cannot complete its own operation")
        func decide(_ a: inout Phase, _ b: inout Phase) -> PairClaim {
            guard case .open = a else { return .firstLost }
            guard case .open = b else { return .secondLost }
            guard case .won(let ca) = claim(&a, firstResolution), case .won(let cb) = claim(&b, secondResolution) else {
                preconditionFailure("AsyncSelect: an open token refused a claim")
            }
            return .won(ca, cb)
        }
        if ObjectIdentifier(first) < ObjectIdentifier(second) {
            return first.phase.withLock { a in second.phase.withLock { b in decide(&a, &b) } }
        }
        return second.phase.withLock { b in first.phase.withLock { a in decide(&a, &b) } }
    }

    private static func claim(_ phase: inout Phase, _ resolution: AsyncSelectResolution) -> Claim {
        guard case .open(let continuation) = phase else { return .lost }
        phase = .resolved(resolution)
        return .won(continuation)
    }

    /// Whether nobody has claimed it yet (a snapshot: a claim may follow at once).
    @usableFromInline var isOpen: Bool {
        phase.withLock { if case .open = $0 { true } else { false } }
    }

    /// Stores the suspended select's continuation. `false` if the token was claimed before
    /// (by the timeout or the cancellation): the caller resumes the continuation itself.
    @usableFromInline
    func install(_ continuation: UnsafeContinuation<Void, Never>) -> Bool {
        phase.withLock {
            guard case .open = $0 else { return false }
            $0 = .open(continuation)
            return true
        }
    }

    /// The outcome, once claimed.
    @usableFromInline var resolution: AsyncSelectResolution? {
        phase.withLock { if case .resolved(let r) = $0 { r } else { nil } }
    }
}
