import Synchronization

/// What a worker is doing right now, as shown in a hang dump.
package enum WorkerOperation: Int, Sendable, CustomStringConvertible {
    case idle = 0, send, trySend, sendTimeout, receive, tryReceive, receiveTimeout, close
    case iterate, waitingForStart, finished
    /// A select over several channels (``Select``): waiting on all of them.
    case select

    package var description: String {
        switch self {
        case .idle: return "between operations"
        case .send: return "send"
        case .trySend: return "trySend"
        case .sendTimeout: return "send(timeout:)"
        case .receive: return "receive"
        case .tryReceive: return "tryReceive"
        case .receiveTimeout: return "receive(timeout:)"
        case .close: return "close"
        case .iterate: return "for-in next()"
        case .waitingForStart: return "waiting for start"
        case .finished: return "finished"
        case .select: return "select"
        }
    }

    /// Operations that may legitimately wait inside the channel.
    var mayWait: Bool {
        switch self {
        case .send, .sendTimeout, .receive, .receiveTimeout, .iterate, .select: return true
        default: return false
        }
    }
}

/// One worker's row in the shared progress table. Lock-free so registering an operation does
/// not serialize the workers (which would hide the races being hunted).
package final class WorkerSlot: Sendable {
    let name: String
    private let operation = Atomic<Int>(WorkerOperation.idle.rawValue)
    private let argument = Atomic<Int>(Int.min)
    private let completed = Atomic<Int>(0)

    init(name: String) { self.name = name }

    /// Registers the operation about to start (and its message, if any).
    func begin(_ op: WorkerOperation, _ arg: Int = Int.min) {
        argument.store(arg, ordering: .relaxed)
        operation.store(op.rawValue, ordering: .releasing)
    }

    /// The operation returned: counts as progress for the watchdog.
    func end() {
        operation.store(WorkerOperation.idle.rawValue, ordering: .relaxed)
        completed.wrappingAdd(1, ordering: .releasing)
    }

    func finish() { operation.store(WorkerOperation.finished.rawValue, ordering: .releasing) }

    var current: WorkerOperation { WorkerOperation(rawValue: operation.load(ordering: .acquiring)) ?? .idle }
    var completedCount: Int { completed.load(ordering: .acquiring) }

    var line: String {
        let op = current
        let arg = argument.load(ordering: .relaxed)
        var text = "\(name): "
        switch op {
        case .finished: text += "finished"
        case .idle: text += "between operations"
        default:
            text += op.mayWait ? "WAITING in \(op)" : "in \(op)"
            if arg != Int.min { text += "(\(MessageCode.describe(arg)))" }
        }
        text += " after \(completedCount) completed operations"
        return text
    }
}

/// The shared table of who is doing what. The watchdog reads it to tell a slow run from a
/// hang and prints it when a run stops making progress.
package final class WorkerBoard: Sendable {
    let slots: [WorkerSlot]

    init(names: [String]) { slots = names.map(WorkerSlot.init(name:)) }

    subscript(_ i: Int) -> WorkerSlot { slots[i] }

    /// Total completed operations: the watchdog's notion of progress.
    var progress: Int { slots.reduce(0) { $0 + $1.completedCount } }

    /// `true` when every listed worker is inside `op` (or finished).
    func allWaiting(in op: WorkerOperation, workers: Range<Int>) -> Bool {
        workers.allSatisfy { slots[$0].current == op }
    }

    func dump() -> String {
        slots.map { "  " + $0.line }.joined(separator: "\n")
    }
}

/// Messages in the stress checks are `producer << 32 | sequence`, so a dump or a
/// counterexample can say whose message it is.
package enum MessageCode {
    // Producer numbers are stored +1 so that producer 0's messages still read as coded.
    static func make(producer: Int, sequence: Int) -> Int { (producer + 1) << 32 | sequence }
    static func producer(_ code: Int) -> Int { (code >> 32) - 1 }
    static func sequence(_ code: Int) -> Int { code & 0xFFFF_FFFF }
    static func describe(_ code: Int) -> String {
        code >= 1 << 32 || code < 0 ? "p\(producer(code))#\(sequence(code))" : String(code)
    }
}
