import Channels

/// An operation in a linearizability scenario. Only operations that cannot wait are used, so
/// that the sequential model can give each one exactly one correct result (see ``FifoModel``).
package enum LinOperation: Hashable, Sendable, CustomStringConvertible {
    case trySend(Int)
    case tryReceive
    case close
    /// A blocking send, used on unbounded channels only, where it can never wait.
    case send(Int)

    package var description: String {
        switch self {
        case .trySend(let v): return "trySend(\(v))"
        case .tryReceive: return "tryReceive()"
        case .close: return "close()"
        case .send(let v): return "send(\(v))"
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
}
