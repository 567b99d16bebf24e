import Foundation
import BenchSupport
import BenchModel
import BenchEngine
import BenchVerify
import BenchReport

/// `chanbench run --forks N`: the whole matrix in N fresh processes, one after another, their
/// rows merged into one CSV (the `fork` column says which process measured a row).
///
/// Why processes: a process fixes things for its whole life that change a channel's figure —
/// the heap addresses its objects land on (false sharing, cache sets), where the runtime's
/// thread pool and the kernel put the threads, the machine's load at that moment. Repetitions
/// inside one process share all of that, so they agree with each other far better than two
/// processes do (README, "Trusting compare", has the A/A figures). JMH forks the JVM for the same reason. compare takes one sample per
/// fork, so evidence grows with the number of processes, not repetitions.
///
/// Fork 1 sizes every configuration (``RepetitionSizing``, or `--sizes-from`); forks 2…N reuse
/// fork 1's message counts, so every process measures exactly the same work. A fork that fails
/// a check (exit 3) keeps its rows and the run exits 3; one that crashes is named, its rows so
/// far are kept, and the run exits 3; bad input (exit 1) stops everything.
struct ForkedRun {
    /// What every fork runs, as `run` resolved it.
    let plan: RunCommand.Plan
    let forks: Int
    let quiet: Bool
    let output: String?

    /// What the run thread and the interrupt handler share: the fork running now and which
    /// forks' rows are merged already (each exactly once, by whichever gets there first).
    private final class Progress: @unchecked Sendable {
        let lock = NSLock()
        var child: ChildProcess?
        var fork = 0
        var merged: Set<Int> = []
        var interrupted = false
    }

    /// Runs the forks and merges their rows; `wrote` gets the merged file's path once it is complete.
    func execute(wrote: (String) -> Void = { _ in }) throws -> Int32 {
        let writer = try RunSession.openWriter(output: output,
                                               metadata: RunMetadata.collect(parameters: plan.parameters + " forks=\(forks)",
                                                                             extra: RunSession.setupMetadata(plan.options)))
        // Named after this process, so what a SIGKILL leaves behind can be traced to its run.
        let scratch = NSTemporaryDirectory() + "chanbench-forks-\(getpid())-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw BenchInputError.unwritableOutput(path: scratch, reason: "cannot create a scratch folder for the forks")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let state = Progress()
        let token = Interrupts.onInterrupt { sig in
            let (child, fork): (ChildProcess?, Int) = state.lock.withLock {
                state.interrupted = true
                return (state.child, state.fork)
            }
            // The fork finishes its own file (interrupted trailer); its rows are kept too.
            if let child {
                child.signal(sig)
                if !child.wait(timeout: 10) { child.stop(grace: 0) }
            }
            state.lock.withLock {
                if fork > 0, !state.merged.contains(fork) {
                    state.merged.insert(fork)
                    _ = try? append("\(scratch)/fork-\(fork).csv", to: writer)
                }
            }
            do {
                try writer.finish(complete: false)
                StandardError.write("interrupted: kept \(writer.rowsWritten) rows in \(writer.paths.joined(separator: " and "))")
            } catch {
                StandardError.write("error: \(error)")
            }
            try? FileManager.default.removeItem(atPath: scratch)
        }
        defer { Interrupts.remove(token) }

        var failed = false
        let started = Date()
        // Fork 1 measures `--sizes-from`'s counts (if any); every later fork exactly fork 1's.
        var fixedMessages = plan.options.fixedMessages
        do {
            for fork in 1...forks {
                let path = "\(scratch)/fork-\(fork).csv"
                var options = plan.options
                options.fork = fork
                options.fixedMessages = fixedMessages
                let request = ForkRequest(parameterSets: plan.parameterSets, options: options, forks: forks,
                                          parameters: plan.parameters + " fork=\(fork)/\(forks)", output: path, quiet: quiet,
                                          shard: plan.shard)
                note("\(request.label): starting a fresh process")
                let forkStart = Date()
                var status = ChildProcess.crashed
                do {
                    let child = try ChildCommand.process(for: .fork(request), captureReply: false)
                    let running = try state.lock.withLock { () throws -> Bool in
                        // An interrupt that came between forks: start nothing more.
                        if state.interrupted { return false }
                        try child.start()
                        state.child = child
                        state.fork = fork
                        return true
                    }
                    if running {
                        _ = child.wait(timeout: nil)
                        status = child.status
                    }
                } catch {
                    StandardError.write("error: cannot start a fork: \(error)")
                }
                // Once interrupted, the handler merges this fork's rows and exits.
                let rows: Int? = try state.lock.withLock { () throws -> Int? in
                    if state.interrupted { return nil }
                    state.child = nil
                    if status == RunSession.exitBadInput { return 0 }
                    state.merged.insert(fork)
                    return try append(path, to: writer)
                }
                guard let rows else { while true { pause() } }
                if status == RunSession.exitBadInput {
                    try? writer.finish(complete: false)
                    throw BenchInputError.forkFailed(fork: fork, reason: "exited 1 (bad input; see its error above)")
                }
                if status == ChildProcess.crashed || (status != 0 && status != RunSession.exitCheckFailed) {
                    StandardError.write("error: fork \(fork)/\(forks) did not finish (\(describe(status))); keeping its \(rows) row(s)")
                    failed = true
                } else if status == RunSession.exitCheckFailed {
                    failed = true
                }
                note("\(request.label): done in \(Int(Date().timeIntervalSince(forkStart))) s")
                if fork == 1 {
                    do {
                        fixedMessages = FileManager.default.fileExists(atPath: path) ? try RunCommand.messageCounts(from: path) : [:]
                    } catch {
                        try? writer.finish(complete: false)
                        throw error
                    }
                }
            }
            try writer.finish()
        } catch let error as CSVWriteError {
            try? writer.finish(complete: false)
            throw error
        }
        wrote(writer.paths[0])
        StandardError.write("wrote \(writer.rowsWritten) rows from \(forks) processes to \(writer.paths.joined(separator: " and ")) "
            + "in \(Int(Date().timeIntervalSince(started))) s")
        if let merged = try? BenchCSVReader.read(path: writer.paths[0]), let table = try? SummaryTable.render(file: merged) {
            print(table)
            let failures = merged.rows.filter { merged.text("verified", in: $0) == "false" }.count
            if failures > 0 {
                StandardError.write("error: \(failures) run(s) failed their checks (verified=false rows; FAILED lines above)")
                failed = true
            }
        }
        return failed ? RunSession.exitCheckFailed : RunSession.exitSuccess
    }

    /// Copies a fork's data rows into the merged file (an interrupted or cut-short fork's too:
    /// every row it finished is a real measurement); returns how many.
    private func append(_ path: String, to writer: CSVWriter) throws(CSVWriteError) -> Int {
        guard let file = try? BenchCSVReader.read(path: path) else { return 0 }
        for row in file.rows {
            // Same binary, same columns; look them up by name anyway.
            try writer.write(row: BenchCSV.columns.map { file.text($0, in: row) ?? "" })
        }
        return file.rows.count
    }

    private func describe(_ status: Int32) -> String {
        status == ChildProcess.crashed ? "killed by a signal or could not start" : "exit \(status)"
    }

    private func note(_ line: String) {
        if !quiet { StandardError.write(line) }
    }
}
