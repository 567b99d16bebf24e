import Channels
import BenchSupport


/// The steps a controlled check performed, with what each returned. When an expectation
/// fails, the transcript up to that point is the counterexample: a short, replayable story.
package final class Transcript: Sendable {
    private let lines = PthreadLockedState<[String]>([])
    private let failure = PthreadLockedState<String?>(nil)

    init() {}

    /// Everything noted so far (for a hang report).
    var text: String { lines.withLock { $0.map { "  " + $0 }.joined(separator: "\n") } }

    func note(_ line: String) { lines.withLock { $0.append(line) } }

    /// How many steps were noted: the runner's watchdog reads it as the iteration's progress.
    var stepCount: Int { lines.withLock { $0.count } }

    /// Records `step` and, if `ok` is false, the first failure.
    @discardableResult
    func expect(_ ok: Bool, _ step: String, _ problem: @autoclosure () -> String) -> Bool {
        note(ok ? step : step + "   <-- " + problem())
        if !ok { failure.withLock { if $0 == nil { $0 = problem() } } }
        return ok
    }

    func fail(_ problem: String) {
        note("<-- " + problem)
        failure.withLock { if $0 == nil { $0 = problem } }
    }

    var failed: Bool { failure.withLock { $0 != nil } }

    var result: IterationResult {
        guard let f = failure.withLock({ $0 }) else { return .passed }
        return .failed(message: f, counterexample: lines.withLock { $0.map { "  " + $0 }.joined(separator: "\n") })
    }
}

func describe(_ r: TrySendResult) -> String {
    switch r {
    case .sent: return "sent"
    case .full: return "full"
    case .closed: return "closed"
    }
}

func describe(_ r: SendTimeoutResult) -> String {
    switch r {
    case .sent: return "sent"
    case .timedOut: return "timedOut"
    case .closed: return "closed"
    }
}

func describe<T>(_ r: TryReceiveResult<T>) -> String {
    switch r {
    case .value(let v): return "value(\(v))"
    case .empty: return "empty"
    case .closed: return "closed"
    }
}

func describe<T>(_ r: ReceiveTimeoutResult<T>) -> String {
    switch r {
    case .value(let v): return "value(\(v))"
    case .timedOut: return "timedOut"
    case .closed: return "closed"
    }
}

/// Nanoseconds spent in `body`, and its result.
func timed<T>(_ body: () -> T) -> (T, UInt64) {
    let t0 = monotonicNanoseconds()
    let r = body()
    return (r, monotonicNanoseconds() - t0)
}

func ms(_ ns: UInt64) -> String { DecimalText.fixed(Double(ns) / 1e6, 2) + " ms" }
