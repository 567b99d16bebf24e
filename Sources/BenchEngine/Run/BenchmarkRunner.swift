import Dispatch
import BenchSupport
import BenchModel

/// Runs a matrix in this process, one repetition at a time, handing each result over as it
/// completes (``RunSession`` writes them; tests read them).
///
/// Every repetition is checked by the oracle; a result carries metrics only when it passed.
/// Runs execute one after another in this process (never concurrently: they would disturb each
/// other's figures). Blocking implementations run on threads, async ones on tasks.
package struct BenchmarkRunner: Sendable {
    package let options: RunOptions
    package let progress: ProgressReporter?

    package init(options: RunOptions, progress: ProgressReporter? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Runs every configuration of `matrix`, calling `onResult` as each measured repetition
    /// (or failed warmup) completes — so a caller can write and flush it at once.
    @discardableResult
    package func run(_ matrix: RunMatrix, onResult: (RunResult) throws -> Void = { _ in }) rethrows -> [RunResult] {
        var results: [RunResult] = []
        let total = matrix.configurations.count * (options.warmup + options.repetitions)
        var step = 0
        for c in matrix.configurations {
            var warmupHung = false
            var lastWarmup: RunResult?
            for w in 0..<options.warmup where !warmupHung {
                step += 1
                progress?.runStarted(step: step, of: total, configuration: c, label: "warmup \(w + 1)/\(options.warmup)")
                let r = runOnce(c.warmupConfiguration, repetition: 0)
                if r.verified {
                    lastWarmup = r
                } else {
                    progress?.runFailed(r)
                    results.append(r)
                    try onResult(r)
                    // A configuration that hangs would hang again: report its repetitions as
                    // failed without spending a timeout on each.
                    warmupHung = r.failure?.hasPrefix("progress: run timed out") == true
                }
            }
            var measured = options.fixedConfiguration(for: c)
                ?? options.sizing.measuredConfiguration(for: c, warmup: lastWarmup)
            if options.fixedConfiguration(for: c) == nil, let warmup = lastWarmup, options.sizing.needsProbe(c, measured: measured) {
                progress?.runStarted(step: step, of: total, configuration: c,
                                     label: "sizing probe (\(measured.messages) msgs; not recorded)")
                let probe = runOnce(measured, repetition: 0)
                if probe.verified {
                    measured = options.sizing.measuredConfiguration(for: c, estimates: [warmup, probe])
                } else {
                    // Reported as a failed warmup is: the repetitions then show whether it recurs.
                    progress?.runFailed(probe)
                    results.append(probe)
                    try onResult(probe)
                }
            }
            let sized = measured.messages == c.messages ? ""
                : " (\(measured.messages) msgs, \(RepetitionSizing.describe(measured: measured.messages, configured: c.messages)) by --min-time/--max-time)"
            for rep in 1...options.repetitions {
                step += 1
                progress?.runStarted(step: step, of: total, configuration: c, label: "rep \(rep)/\(options.repetitions)\(sized)")
                let r = warmupHung
                    ? RunResult(configuration: measured, repetition: rep, failure: "progress: not run, the warmup run timed out",
                                lostMessages: 0, metrics: nil)
                    : runOnce(measured, repetition: rep)
                if !r.verified { progress?.runFailed(r) }
                results.append(r)
                try onResult(r)
            }
        }
        return results
    }

    /// Runs one repetition of `configuration` and checks it.
    package func runOnce(_ configuration: RunConfiguration, repetition: Int) -> RunResult {
        // The engine's watchdog covers the traffic only. Building the channel, starting the
        // workers and tearing down come before and after it, and nothing can stop a thread
        // stuck there: armed first, this one ends the process the way an interrupt does
        // (rows kept, trailer `interrupted`) once the whole run is far past its timeout.
        let limit = options.runTimeoutSeconds * 2 + 5
        let progress = self.progress
        let stuck = DispatchWorkItem {
            progress?.note("error: \(configuration) did not finish within \(limit) s (--run-timeout \(options.runTimeoutSeconds) "
                + "covers its traffic; it is stuck outside it); stopping")
            Interrupts.stop(signal: 0, status: RunSession.exitCheckFailed)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: stuck)
        defer { stuck.cancel() }
        let output = PayloadDispatch.execute(configuration, settings: EngineSettings(timeout: options.runTimeoutSeconds,
                                                                                      latencySampleEvery: options.latencySampleEvery,
                                                                                      specializeBuiltIns: options.specializeBuiltIns,
                                                                                      pin: options.pin))
        return RunResult(configuration: configuration, repetition: repetition, output: output)
    }
}
