/// The actor channel's part in `AsyncSelect`: ordinary operations that meet a select's waiters
/// (out of line, reached only while such waiters are queued), and a select's own operations
/// (register: complete now or queue a waiter; unregister).
///
/// Exactly once: a select's waiter is completed only by claiming its token in the same
/// critical section that moves the element, and a claim that fails (the select already ended
/// by another channel, its timeout or its cancellation) drops the waiter untouched. A select
/// completing an operation here claims its own token first (both tokens at once when it meets
/// another select's waiter), so it never takes or gives an element after it has ended.
extension ActorChannelStateMachine {
    // MARK: Choosing the next waiter

    @usableFromInline
    enum NextWaiter {
        case none
        case ordinary
        /// The select waiter at this index of its queue.
        case selecting(Int)
    }

    /// The longest-waiting receiver, ordinary or a select's, skipping `excluded`'s own waiters.
    @usableFromInline
    func nextReceiver(excluding excluded: AsyncSelectToken?) -> NextWaiter {
        let selecting = selectingReceivers.firstIndex { $0.token !== excluded }
        return Self.earlier(receivers.first?.id, selecting.map { ($0, selectingReceivers[$0].id) })
    }

    @usableFromInline
    func nextSender(excluding excluded: AsyncSelectToken?) -> NextWaiter {
        let selecting = selectingSenders.firstIndex { $0.token !== excluded }
        return Self.earlier(senders.first?.id, selecting.map { ($0, selectingSenders[$0].id) })
    }

    /// Of the first ordinary waiter and the first eligible select waiter, the one that came first.
    @usableFromInline
    static func earlier(_ ordinary: UInt64?, _ selecting: (index: Int, id: UInt64)?) -> NextWaiter {
        switch (ordinary, selecting) {
        case (nil, nil): return .none
        case (_?, nil): return .ordinary
        case (nil, let select?): return .selecting(select.index)
        case (let ordinary?, let select?): return ordinary < select.id ? .ordinary : .selecting(select.index)
        }
    }

    @usableFromInline
    enum LiveSender {
        case ordinary(ActorWaitingSender<Element>)
        /// A select's send, already claimed: its element, and the select to resume.
        case selecting(Element, UnsafeContinuation<Void, Never>?)
    }

    /// Removes and returns the longest-waiting sender that can still complete, claiming it if
    /// it is a select's; waiters of selects that already ended are dropped on the way.
    @usableFromInline
    mutating func popLiveSender() -> LiveSender? {
        while true {
            switch nextSender(excluding: nil) {
            case .none: return nil
            case .ordinary: return .ordinary(senders.removeFirst())
            case .selecting(let index):
                let waiter = selectingSenders.remove(at: index)
                if case .won(let select) = waiter.token.claim(.sent(caseIndex: waiter.caseIndex)) {
                    return .selecting(waiter.element, select)
                }
            }
        }
    }

    // MARK: Ordinary operations meeting select waiters

    /// ``offer(_:)`` while select receivers wait (the channel is open).
    @usableFromInline @inline(never)
    mutating func offerMeetingSelects(_ element: Element) -> OfferResult {
        while true {
            switch nextReceiver(excluding: nil) {
            case .none:
                if let limit, buffer.count >= limit { return .noRoom }
                buffer.append(element)
                return .sent
            case .ordinary:
                return .handOff(receivers.removeFirst().continuation)
            case .selecting(let index):
                let waiter = selectingReceivers.remove(at: index)
                if case .won(let select) = waiter.token.claim(.received(caseIndex: waiter.caseIndex, element: element)) {
                    return .handOffToSelect(select)
                }
            }
        }
    }

    /// ``take()`` while select senders wait.
    @usableFromInline @inline(never)
    mutating func takeMeetingSelects() -> TakeResult {
        if let element = buffer.popFirst() {
            // Room appeared: the longest-waiting live sender's element moves in behind the others.
            switch popLiveSender() {
            case .ordinary(let sender)?:
                buffer.append(sender.element)
                return .value(element, resumeSender: sender.continuation)
            case .selecting(let moved, let select)?:
                buffer.append(moved)
                return .valueResumingSelect(element, select)
            case nil:
                return .value(element, resumeSender: nil)
            }
        }
        switch popLiveSender() {
        case .ordinary(let sender)?: return .value(sender.element, resumeSender: sender.continuation)
        case .selecting(let element, let select)?: return .valueResumingSelect(element, select)
        case nil: return isClosed ? .closed : .empty
        }
    }

    // MARK: A select's own operations

    @usableFromInline
    enum SelectRegistration {
        /// Not ready: a waiter with this id is queued until a partner, close or the select's
        /// end removes it.
        case waiting(id: UInt64)
        /// Performed now (the select's token is claimed for it): resume the select and the
        /// partner outside the lock.
        case performed(select: UnsafeContinuation<Void, Never>?, partner: SelectPartner)
        /// The select had already ended; nothing was done.
        case selectEnded
    }

    /// Whoever a select's operation completed besides the select itself.
    @usableFromInline
    enum SelectPartner {
        case none
        case receiver(UnsafeContinuation<ActorReceiveOutcome<Element>, Never>, Element)
        case sender(UnsafeContinuation<ActorSendOutcome, Never>)
        case select(UnsafeContinuation<Void, Never>?)
    }

    /// A select's receive: takes an element (or sees the end) if it can, else queues a waiter.
    @usableFromInline
    mutating func registerSelectReceive(token: AsyncSelectToken, caseIndex: Int) -> SelectRegistration {
        if let element = buffer.first {
            guard case .won(let select) = token.claim(.received(caseIndex: caseIndex, element: element)) else {
                return .selectEnded
            }
            buffer.removeFirst()
            switch popLiveSender() {
            case .ordinary(let sender)?:
                buffer.append(sender.element)
                return .performed(select: select, partner: .sender(sender.continuation))
            case .selecting(let moved, let other)?:
                buffer.append(moved)
                return .performed(select: select, partner: .select(other))
            case nil:
                return .performed(select: select, partner: .none)
            }
        }
        while true {
            switch nextSender(excluding: token) {
            case .none:
                if isClosed {
                    guard case .won(let select) = token.claim(.receivedClosed(caseIndex: caseIndex)) else { return .selectEnded }
                    return .performed(select: select, partner: .none)
                }
                guard token.isOpen else { return .selectEnded }
                defer { nextWaiterID &+= 1 }
                selectingReceivers.append(ActorSelectingReceiver(id: nextWaiterID, token: token, caseIndex: caseIndex))
                return .waiting(id: nextWaiterID)
            case .ordinary:
                let element = senders[0].element
                guard case .won(let select) = token.claim(.received(caseIndex: caseIndex, element: element)) else {
                    return .selectEnded
                }
                return .performed(select: select, partner: .sender(senders.removeFirst().continuation))
            case .selecting(let index):
                let waiter = selectingSenders[index]
                switch AsyncSelectToken.claimBoth(
                    token, .received(caseIndex: caseIndex, element: waiter.element),
                    waiter.token, .sent(caseIndex: waiter.caseIndex)
                ) {
                case .won(let select, let other):
                    selectingSenders.remove(at: index)
                    return .performed(select: select, partner: .select(other))
                case .firstLost:
                    return .selectEnded
                case .secondLost:
                    selectingSenders.remove(at: index) // its select already ended: drop it
                }
            }
        }
    }

    /// A select's send: delivers the element (or sees the channel closed) if it can, else
    /// queues a waiter owning the element.
    @usableFromInline
    mutating func registerSelectSend(_ element: Element, token: AsyncSelectToken, caseIndex: Int) -> SelectRegistration {
        if isClosed {
            guard case .won(let select) = token.claim(.sendClosed(caseIndex: caseIndex)) else { return .selectEnded }
            return .performed(select: select, partner: .none)
        }
        while true {
            switch nextReceiver(excluding: token) {
            case .none:
                if let limit, buffer.count >= limit {
                    guard token.isOpen else { return .selectEnded }
                    defer { nextWaiterID &+= 1 }
                    selectingSenders.append(
                        ActorSelectingSender(id: nextWaiterID, element: element, token: token, caseIndex: caseIndex)
                    )
                    return .waiting(id: nextWaiterID)
                }
                guard case .won(let select) = token.claim(.sent(caseIndex: caseIndex)) else { return .selectEnded }
                buffer.append(element)
                return .performed(select: select, partner: .none)
            case .ordinary:
                guard case .won(let select) = token.claim(.sent(caseIndex: caseIndex)) else { return .selectEnded }
                return .performed(select: select, partner: .receiver(receivers.removeFirst().continuation, element))
            case .selecting(let index):
                let waiter = selectingReceivers[index]
                switch AsyncSelectToken.claimBoth(
                    token, .sent(caseIndex: caseIndex),
                    waiter.token, .received(caseIndex: waiter.caseIndex, element: element)
                ) {
                case .won(let select, let other):
                    selectingReceivers.remove(at: index)
                    return .performed(select: select, partner: .select(other))
                case .firstLost:
                    return .selectEnded
                case .secondLost:
                    selectingReceivers.remove(at: index)
                }
            }
        }
    }

    /// Removes a select's receive waiter once its select has ended (no-op if a partner or close
    /// already removed it).
    @usableFromInline
    mutating func unregisterSelectReceive(id: UInt64) {
        if let index = selectingReceivers.firstIndex(where: { $0.id == id }) {
            selectingReceivers.remove(at: index)
        }
    }

    /// Removes a select's send waiter; returns its undelivered element so the caller releases
    /// it outside the lock.
    @usableFromInline
    mutating func unregisterSelectSend(id: UInt64) -> Element? {
        guard let index = selectingSenders.firstIndex(where: { $0.id == id }) else { return nil }
        return selectingSenders.remove(at: index).element
    }

    /// How many waiters of each kind are queued (for tests: no select may leave waiters behind).
    var waiterCounts: ActorChannelWaiterCounts {
        ActorChannelWaiterCounts(
            senders: senders.count, receivers: receivers.count,
            selectingSenders: selectingSenders.count, selectingReceivers: selectingReceivers.count
        )
    }
}

/// A snapshot of an actor channel's wait queues.
struct ActorChannelWaiterCounts: Equatable, Sendable {
    var senders: Int
    var receivers: Int
    var selectingSenders: Int
    var selectingReceivers: Int
}
