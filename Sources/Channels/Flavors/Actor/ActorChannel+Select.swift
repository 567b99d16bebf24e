/// What `AsyncSelect` calls on an actor channel. Synchronous and nonisolated: a select
/// registers on several channels inside one continuation closure, so it cannot hop onto each
/// channel's executor; the state is behind the channel's lock anyway, and every continuation
/// is resumed after the lock is released.
extension ActorChannel {
    /// A select's receive: `nil` if it was performed now (the select's continuation has been
    /// resumed) or the select had already ended; else the id of the queued waiter, to pass to
    /// ``unregisterSelectReceive(id:)`` once the select has ended.
    nonisolated func registerSelectReceive(token: AsyncSelectToken, caseIndex: Int) -> UInt64? {
        settle(state.withLock { $0.registerSelectReceive(token: token, caseIndex: caseIndex) })
    }

    /// A select's send; same protocol as ``registerSelectReceive(token:caseIndex:)``.
    nonisolated func registerSelectSend(_ element: Element, token: AsyncSelectToken, caseIndex: Int) -> UInt64? {
        settle(state.withLock { $0.registerSelectSend(element, token: token, caseIndex: caseIndex) })
    }

    nonisolated func unregisterSelectReceive(id: UInt64) {
        state.withLock { $0.unregisterSelectReceive(id: id) }
    }

    nonisolated func unregisterSelectSend(id: UInt64) {
        // The element of a send that did not happen is released here, outside the lock.
        _ = state.withLock { $0.unregisterSelectSend(id: id) }
    }

    /// The wait queues' lengths (a snapshot), for tests.
    nonisolated var waiterCounts: ActorChannelWaiterCounts {
        state.withLock { $0.waiterCounts }
    }

    private nonisolated func settle(_ registration: ActorChannelStateMachine<Element>.SelectRegistration) -> UInt64? {
        switch registration {
        case .waiting(let id):
            return id
        case .performed(let select, let partner):
            switch partner {
            case .none: break
            case .receiver(let receiver, let element): receiver.resume(returning: .value(element))
            case .sender(let sender): sender.resume(returning: .sent)
            case .select(let other): other?.resume()
            }
            select?.resume()
            return nil
        case .selectEnded:
            return nil
        }
    }
}
