import Channels

/// An operation in a linearizability scenario. The blocking ones may park; the model treats a
/// parked operation as a pending request completed later by a partner or by close (see
/// ``FifoModel``).
package enum LinOperation: Hashable, Sendable, CustomStringConvertible {
    case trySend(Int)
    case tryReceive
    case close
    /// A blocking send.
    case send(Int)
    /// A blocking receive (`closed` in the history when it returned `nil`).
    case receive

    /// May park until a partner or close completes it.
    var mayPark: Bool {
        switch self {
        case .send, .receive: return true
        default: return false
        }
    }

    package var description: String {
        switch self {
        case .trySend(let v): return "trySend(\(v))"
        case .tryReceive: return "tryReceive()"
        case .close: return "close()"
        case .send(let v): return "send(\(v))"
        case .receive: return "receive()"
        }
    }
}

/// What an operation returned.
package enum LinResult: Hashable, Sendable, CustomStringConvertible {
    case sent, full, closed, empty, done
    case value(Int)

    package var description: String {
        switch self {
        case .sent: return "sent"
        case .full: return "full"
        case .closed: return "closed"
        case .empty: return "empty"
        case .done: return "void"
        case .value(let v): return "value(\(v))"
        }
    }
}

/// One completed operation of a concurrent history with its invocation and response times
/// (ticks of one shared atomic counter, so they order events across threads exactly).
package struct HistoryEvent: Sendable {
    let thread: Int
    let index: Int
    let operation: LinOperation
    let result: LinResult
    let invoked: Int
    let responded: Int
}

/// A recorded concurrent history plus the state the channel was in before it started.
package struct History: Sendable {
    let capacity: ChannelCapacity
    let prefill: [Int]
    let threads: Int
    let events: [HistoryEvent]
    /// Declared: a send parked at close may return normally (its element undelivered).
    var parkedSendMayReturnAtClose = false
}
