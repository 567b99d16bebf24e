/// The sequential specification the concurrent histories are checked against: a FIFO queue
/// with a capacity and a closed flag, treated as a *dual* data structure (Scherer & Scott;
/// Lincheck's model of channels) so that blocking operations are specified too. Precisely:
/// - `trySend(v)`: closed → `closed`; a parked receiver → hand `v` to one of them, `sent`;
///   `count == capacity` → `full`; else append, `sent`.
/// - `send(v)`: as `trySend`, except that instead of `full` it *parks* (a pending request):
///   it completes later with `sent` when a receive takes its element (at capacity 0) or moves
///   it into the freed slot, or with `closed` when the channel closes first.
/// - `tryReceive()`: a buffered message → the oldest one (even after close: close drains),
///   and one parked sender's element moves into the freed slot; empty with a parked sender
///   (capacity 0) → that sender's element; empty and closed → `closed`; else `empty`.
/// - `receive()`: as `tryReceive`, except that instead of `empty` it parks until a send hands
///   it an element (`value`) or the channel closes (`closed`).
/// - `close()`: sets closed (idempotent), returns nothing, and ends every parked operation
///   with `closed` (a parked send may also return normally where the descriptor declares it).
///   At capacity 0 a parked send's element may still be taken by a receive after close, until
///   the send gives up (``withdrawals()``): the contract lets close race a hand-over in
///   progress (condvar's offers stay takeable until their sender wakes), and nothing is lost.
/// Which parked partner an operation meets is not specified (wake-up order is the channel's
/// business), so each choice is a branch of the search.
package struct FifoModel: Hashable, Sendable {
    var queue: [Int]
    var closed = false
    let capacity: Int?
    /// Declared: a send parked at close may return normally (its element undelivered).
    var parkedSendMayReturnAtClose = false
    /// Parked blocking operations, by history event index, in the order they parked.
    var parkedSenders: [ParkedSend] = []
    var parkedReceivers: [Int] = []

    struct ParkedSend: Hashable, Sendable {
        let event: Int
        let value: Int
    }

    /// One way an operation can take effect.
    struct Step {
        /// What the operation returns; `nil` if it parked (completes when resumed).
        var result: LinResult?
        var next: FifoModel
        /// Parked operations this step completes, with the results each may return.
        var resumed: [(event: Int, results: [LinResult])] = []
    }

    /// Event indices of the parked operations.
    var parkedEvents: [Int] { parkedSenders.map(\.event) + parkedReceivers }

    /// Every way `op` (history event `event`) can take effect in this state.
    func steps(_ op: LinOperation, event: Int) -> [Step] {
        switch op {
        case .trySend(let v), .send(let v):
            if closed { return [Step(result: .closed, next: self)] }
            if !parkedReceivers.isEmpty {
                return parkedReceivers.indices.map { i in
                    var next = self
                    let r = next.parkedReceivers.remove(at: i)
                    return Step(result: .sent, next: next, resumed: [(r, [.value(v)])])
                }
            }
            if let c = capacity, queue.count >= c {
                guard case .send = op else { return [Step(result: .full, next: self)] }
                var next = self
                next.parkedSenders.append(ParkedSend(event: event, value: v))
                return [Step(result: nil, next: next)]
            }
            var next = self
            next.queue.append(v)
            return [Step(result: .sent, next: next)]
        case .tryReceive, .receive:
            if !queue.isEmpty {
                var next = self
                let v = next.queue.removeFirst()
                if parkedSenders.isEmpty { return [Step(result: .value(v), next: next)] }
                // The freed slot goes to one of the parked senders.
                return parkedSenders.indices.map { i in
                    var n = next
                    let s = n.parkedSenders.remove(at: i)
                    n.queue.append(s.value)
                    return Step(result: .value(v), next: n, resumed: [(s.event, [.sent])])
                }
            }
            if !parkedSenders.isEmpty {
                return parkedSenders.indices.map { i in
                    var next = self
                    let s = next.parkedSenders.remove(at: i)
                    return Step(result: .value(s.value), next: next, resumed: [(s.event, [.sent])])
                }
            }
            if closed { return [Step(result: .closed, next: self)] }
            guard case .receive = op else { return [Step(result: .empty, next: self)] }
            var next = self
            next.parkedReceivers.append(event)
            return [Step(result: nil, next: next)]
        case .close:
            var next = self
            next.closed = true
            var resumed = parkedReceivers.map { ($0, [LinResult.closed]) }
            next.parkedReceivers = []
            if capacity != 0 {
                resumed += parkedSenders.map { ($0.event, closedSendResults) }
                next.parkedSenders = []
            }
            return [Step(result: .done, next: next, resumed: resumed)]
        }
    }

    /// What a parked send may return once closed.
    private var closedSendResults: [LinResult] { parkedSendMayReturnAtClose ? [.closed, .sent] : [.closed] }

    /// After close at capacity 0, each parked send may give up: its completion, `closed`.
    func withdrawals() -> [Step] {
        guard closed else { return [] }
        return parkedSenders.indices.map { i in
            var next = self
            let s = next.parkedSenders.remove(at: i)
            return Step(result: nil, next: next, resumed: [(s.event, closedSendResults)])
        }
    }

    /// The first way `op` can take effect: its result (`nil` if it parked) and the new state.
    func applying(_ op: LinOperation) -> (LinResult?, FifoModel) {
        let s = steps(op, event: -1)[0]
        return (s.result, s.next)
    }
}
