import Synchronization

/// Shared, preallocated per-worker slots written once by each worker at its end: its finish
/// time. Read by the coordinator only after the completion latch — which orders the writes
/// before the reads.
package final class FinishTimes: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<UInt64>
    let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { slots.deallocate() }

    func set(_ index: Int, _ t: UInt64) { slots[index] = t }

    var latest: UInt64 { (0..<count).reduce(0) { max($0, slots[$1]) } }
}

/// Counts sends that failed because the channel was closed under a producer (a bug, or the
/// watchdog closing a hung run). Any failure fails the run.
package final class SendFailures: Sendable {
    private let value = Atomic<Int>(0)
    init() {}
    func increment() { value.wrappingAdd(1, ordering: .relaxed) }
    var count: Int { value.load(ordering: .relaxed) }
}
