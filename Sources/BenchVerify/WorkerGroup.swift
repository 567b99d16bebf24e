import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Channels
import BenchSupport

/// How a group of workers ended.
package enum WorkersOutcome: Sendable {
    case completed
    /// No worker completed an operation for the stall timeout: the board's dump says who
    /// waits on what. Hung workers are abandoned (a thread cannot be killed).
    case hung(String)
}

/// Workers running a check's bodies — threads for blocking channels, tasks for suspending
/// ones — plus the watchdog that waits for them.
package final class WorkerGroup: Sendable {
    let board: WorkerBoard
    private let remaining: Atomic<Int>
    private let done = DispatchSemaphore(value: 0)
    private let taskHandles = PthreadLockedState<[Task<Void, Never>]>([])

    private init(board: WorkerBoard) {
        self.board = board
        remaining = Atomic(board.slots.count)
    }

    private func workerFinished(_ i: Int) {
        board[i].finish()
        if remaining.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0 { done.signal() }
    }

    /// Starts one OS thread per board slot, each running `body(index)`. Called from
    /// nonisolated library code, so the closure never inherits the main actor.
    static func threads(_ board: WorkerBoard, _ body: @escaping @Sendable (Int) -> Void) -> WorkerGroup {
        let group = WorkerGroup(board: board)
        if board.slots.isEmpty { group.done.signal() }
        for i in board.slots.indices {
            ThreadDriver.start {
                body(i)
                group.workerFinished(i)
            }
        }
        return group
    }

    /// Starts one detached task per board slot running `body(index)`. Each has its own handle
    /// so a check can cancel single workers (``cancel(_:)``).
    static func tasks(_ board: WorkerBoard, _ body: @escaping @Sendable (Int) async -> Void) -> WorkerGroup {
        let group = WorkerGroup(board: board)
        if board.slots.isEmpty { group.done.signal() }
        var handles: [Task<Void, Never>] = []
        for i in board.slots.indices {
            handles.append(Task.detached {
                await body(i)
                group.workerFinished(i)
            })
        }
        group.taskHandles.withLock { $0 = handles }
        return group
    }

    /// Cancels every task worker (to unstick hung tasks after a hang is reported).
    func cancelTasks() { taskHandles.withLock { $0.forEach { $0.cancel() } } }

    /// Cancels task worker `i`.
    func cancel(_ i: Int) { taskHandles.withLock { if i < $0.count { $0[i].cancel() } } }

    /// Bumped whenever a waiting watchdog sees its workers progress, so the runner's
    /// per-iteration watchdog (which cannot see the boards) knows the iteration is alive.
    /// Written only by waiting threads, every few milliseconds: never on a worker's path.
    static let heartbeat = Atomic<UInt64>(0)

    /// The watchdog: waits until every worker finished, or until no worker completed an
    /// operation for `stall` — then reports a hang with the board's dump.
    func wait(stall: Duration) -> WorkersOutcome {
        let stallNs = UInt64(stall.components.seconds) * 1_000_000_000 + UInt64(stall.components.attoseconds / 1_000_000_000)
        var lastProgress = board.progress
        var lastChange = monotonicNanoseconds()
        while true {
            if done.wait(timeout: .now() + .milliseconds(20)) == .success {
                done.signal() // keep it signalled for any later wait
                return .completed
            }
            let p = board.progress
            let now = monotonicNanoseconds()
            if p != lastProgress {
                lastProgress = p
                lastChange = now
                Self.heartbeat.wrappingAdd(1, ordering: .relaxed)
            } else if now - lastChange >= stallNs {
                cancelTasks()
                return .hung("no progress for \(stall) — who waits on what:\n" + board.dump())
            }
        }
    }

    /// `true` once every worker finished (non-blocking).
    var isFinished: Bool { remaining.load(ordering: .acquiring) == 0 }
}

/// Waits (polling) until `condition` holds or `timeout` passes; returns whether it held.
func waitUntil(_ timeout: Duration, _ condition: () -> Bool) -> Bool {
    let deadline = MonotonicDeadline.after(timeout)
    while !condition() {
        if deadline.hasPassed { return false }
        usleep(500)
    }
    return true
}

/// Sleeps the calling thread.
func pause(_ d: Duration) {
    let us = d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
    usleep(UInt32(clamping: us))
}

package final class ResultBox<T: Sendable>: Sendable {
    let value = PthreadLockedState<T?>(nil)
}
