import Synchronization
import Channels
import BenchSupport

/// The jobs every lane has queued, in arrival order per lane. Lanes write it from whatever
/// thread enqueues; the explorer's one thread takes jobs from it. Pthread locks, not the
/// stdlib's `Mutex`: ThreadSanitizer models the former and reports false races on the latter.
final class PCTJobBoard: Sendable {
    private let queues: PthreadLockedState<[[UnownedJob]]>
    private let finished: PthreadLockedState<[Bool]>

    init(lanes: Int) {
        queues = PthreadLockedState(Array(repeating: [], count: lanes))
        finished = PthreadLockedState(Array(repeating: false, count: lanes))
    }

    func enqueue(_ job: UnownedJob, lane: Int) { queues.withLock { $0[lane].append(job) } }
    func take(lane: Int) -> UnownedJob { queues.withLock { $0[lane].removeFirst() } }
    var runnable: [Int] { queues.withLock { q in q.indices.filter { !q[$0].isEmpty } } }
    func finish(_ lane: Int) { finished.withLock { $0[lane] = true } }
    var unfinished: [Int] { finished.withLock { f in f.indices.filter { !f[$0] } } }
}

/// The executor one worker task prefers (`Task(executorPreference:)`). A job of that task —
/// and of a default actor it calls, which runs on the task's preferred executor (SE-0417) —
/// lands in this lane's `enqueue`, which is how the explorer knows whose job it is:
/// `ExecutorJob` carries no task identity.
final class PCTLane: TaskExecutor {
    let index: Int
    let board: PCTJobBoard

    init(index: Int, board: PCTJobBoard) {
        self.index = index
        self.board = board
    }

    func enqueue(_ job: consuming ExecutorJob) { board.enqueue(UnownedJob(job), lane: index) }
}

/// How an explored run ended.
package enum PCTOutcome: Equatable, Sendable {
    case finished
    /// No job was runnable although these workers had not finished: every one of them waits
    /// for something no runnable job will do (a deadlock or a lost wake-up).
    case stuck(unfinished: [Int])
    /// The workers took more steps than allowed (a livelock, or a task spinning on yields).
    case stepLimit(unfinished: [Int])
}

/// What an explored run did: its outcome and the lane of every job it ran, in order.
package struct PCTRun: Sendable {
    package let outcome: PCTOutcome
    package let jobOrder: [Int]
    /// How often the explorer, idle, got a job enqueued from outside the run (a timer, a
    /// thread of the channel's own). Zero means the order was the seed's alone.
    package let foreignJobs: Int
}

/// Runs `workers` tasks on one thread — the caller's — one job at a time, choosing the next
/// job by `schedule`. Given a program whose jobs are all enqueued by jobs of the run itself
/// (no timers, no other threads), the job order is a function of the seed alone, so any
/// failure replays exactly from it.
package enum PCTExplorer {
    /// How long an idle explorer waits for a job enqueued from outside the run (a channel
    /// that resumes from a thread of its own) before calling the workers stuck. A channel
    /// that stays inside the run never waits here.
    static let foreignJobGrace: Duration = .milliseconds(500)

    /// Runs the workers to completion, or until stuck or past `maxSteps` jobs; then calls
    /// `release` once (close the channel, so parked tasks can end) and runs what that made
    /// runnable, for at most `maxSteps` more jobs. Blocks the calling thread: call it from a
    /// plain thread, never from a task.
    package static func run(workers: Int, schedule: PCTSchedule, maxSteps: Int,
                            release: () -> Void,
                            body: @escaping @Sendable (Int) async -> Void) -> PCTRun {
        let board = PCTJobBoard(lanes: workers)
        let lanes = (0..<workers).map { PCTLane(index: $0, board: board) }
        var schedule = schedule
        var order: [Int] = []
        for lane in lanes {
            let i = lane.index
            Task(executorPreference: lane) {
                await body(i)
                board.finish(i)
            }
        }
        var outcome: PCTOutcome?
        var released = false
        var budget = maxSteps
        var foreignJobs = 0
        while true {
            var runnable = board.runnable
            if runnable.isEmpty && !board.unfinished.isEmpty {
                runnable = waitForForeignJob(board)
                if !runnable.isEmpty { foreignJobs += 1 }
            }
            let unfinished = board.unfinished
            if runnable.isEmpty || budget == 0 {
                if unfinished.isEmpty && runnable.isEmpty { break }
                if outcome == nil {
                    outcome = runnable.isEmpty ? .stuck(unfinished: unfinished) : .stepLimit(unfinished: unfinished)
                }
                if released { break }
                released = true
                budget = maxSteps
                release()
                continue
            }
            let lane = schedule.pick(runnable: runnable, step: order.count)
            order.append(lane)
            budget -= 1
            board.take(lane: lane).runSynchronously(on: lanes[lane].asUnownedTaskExecutor())
        }
        return PCTRun(outcome: outcome ?? .finished, jobOrder: order, foreignJobs: foreignJobs)
    }

    private static func waitForForeignJob(_ board: PCTJobBoard) -> [Int] {
        let deadline = MonotonicDeadline.after(foreignJobGrace)
        while !deadline.hasPassed {
            pause(.milliseconds(1))
            let r = board.runnable
            if !r.isEmpty { return r }
        }
        return []
    }
}
