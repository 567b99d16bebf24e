/// The sequential specification the concurrent histories are checked against: a FIFO queue
/// with a capacity and a closed flag. Its semantics, precisely:
/// - `trySend(v)`: closed → `closed`; `count == capacity` → `full`; else append, `sent`.
/// - `send(v)` (unbounded channels only, never waits): closed → `closed`; else append, `sent`.
/// - `tryReceive()`: a buffered message → the oldest one (even after close: close drains);
///   empty and closed → `closed`; empty and open → `empty`.
/// - `close()`: sets closed (idempotent), returns nothing.
/// Capacity 0 is not modelled: whether a rendezvous `trySend` succeeds depends on a receiver
/// *waiting*, which try-only histories never have, so such histories would test nothing.
package struct FifoModel: Hashable, Sendable {
    var queue: [Int]
    var closed = false
    let capacity: Int?

    func applying(_ op: LinOperation) -> (LinResult, FifoModel) {
        var next = self
        switch op {
        case .trySend(let v):
            if closed { return (.closed, self) }
            if let c = capacity, queue.count >= c { return (.full, self) }
            next.queue.append(v)
            return (.sent, next)
        case .send(let v):
            if closed { return (.closed, self) }
            next.queue.append(v)
            return (.sent, next)
        case .tryReceive:
            if !queue.isEmpty {
                let v = next.queue.removeFirst()
                return (.value(v), next)
            }
            return (closed ? .closed : .empty, self)
        case .close:
            next.closed = true
            return (.done, next)
        }
    }
}
