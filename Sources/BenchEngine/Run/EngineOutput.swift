import BenchSupport
import BenchModel

/// What one executed run produced, before it becomes a CSV row.
package struct EngineOutput: Sendable {
    var window: TrafficWindow
    var verdict: OracleVerdict
    var latency: LatencySummary?
}

extension EngineOutput {
    /// Combines the measurement with the oracle's verdict: a timeout, an abandoned worker or a
    /// failed send also fail the run, named.
    static func finish(window: TrafficWindow, logs: [ConsumerLog], latencyLogs: [ConsumerLog],
                       producers: Int, perProducer: Int, config: RunConfiguration,
                       extraLogs: [(logs: [ConsumerLog], producers: Int)] = []) -> EngineOutput {
        if window.timedOut {
            let what = window.abandoned ? "workers still blocked after close; abandoned" : "channel closed by the watchdog"
            return EngineOutput(window: window,
                                verdict: OracleVerdict(failure: "progress: run timed out after \(DecimalText.fixed(window.seconds, 3)) s (\(what))", lost: 0),
                                latency: nil)
        }
        if window.sendFailures > 0 {
            return EngineOutput(window: window,
                                verdict: OracleVerdict(failure: "progress: \(window.sendFailures) sends failed on a channel closed early", lost: 0),
                                latency: nil)
        }
        // Every producer of the run counts toward a watermark channel's overshoot.
        let totalProducers = producers + extraLogs.reduce(0) { $0 + $1.producers }
        let bound = config.implementation.countBound(capacity: config.capacity, producers: totalProducers)
        var verdict = Oracle.check(logs: logs, producers: producers, perProducer: perProducer,
                                   lossy: config.implementation.lossy, countBound: bound,
                                   maxObservedCount: window.maxObservedCount)
        for extra in extraLogs where verdict.passed {
            verdict = Oracle.check(logs: extra.logs, producers: extra.producers, perProducer: perProducer,
                                   lossy: config.implementation.lossy, countBound: bound,
                                   maxObservedCount: window.maxObservedCount)
        }
        var merged = LatencyRecorder()
        for l in latencyLogs { merged.merge(l.latency) }
        return EngineOutput(window: window, verdict: verdict, latency: merged.summary)
    }
}

extension EngineOutput {
    /// A run that could not start: `reason` is its failure, and nothing was measured.
    static func refused(_ config: RunConfiguration, _ reason: String) -> EngineOutput {
        let idle = TrafficWindow(seconds: 0, usage: .now(), allocations: nil, peakAllocated: nil, peakResident: nil,
                                 maxObservedCount: 0, sendFailures: 0, timedOut: false, abandoned: false)
        return EngineOutput(window: idle, verdict: OracleVerdict(failure: reason, lost: 0), latency: nil)
    }
}

extension RunResult {
    /// The row of one executed run: its figures only if the oracle passed it.
    init(configuration c: RunConfiguration, repetition: Int, output o: EngineOutput) {
        let w = o.window
        let n = Double(c.messages)
        let metrics = RunMetrics(
            seconds: w.seconds,
            messagesPerSecond: w.seconds > 0 ? n / w.seconds : 0,
            nanosecondsPerMessage: w.seconds * 1e9 / n,
            cpuUserSeconds: w.usage.userSeconds,
            cpuSystemSeconds: w.usage.systemSeconds,
            voluntaryContextSwitches: w.usage.voluntaryContextSwitches,
            involuntaryContextSwitches: w.usage.involuntaryContextSwitches,
            allocationsPerMessage: w.allocations.map { Double($0) / n },
            peakAllocatedBytes: w.peakAllocated,
            peakResidentBytes: w.peakResident,
            latency: o.latency)
        self.init(configuration: c, repetition: repetition, failure: o.verdict.failure,
                  lostMessages: o.verdict.lost, metrics: metrics)
    }
}
