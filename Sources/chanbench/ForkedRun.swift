import ChannelBench
import Foundation

/// `chanbench run --forks N`: the whole matrix in N fresh processes, one after another, their
/// rows merged into one CSV (the `fork` column says which process measured a row).
///
/// Why processes: a process fixes things for its whole life that change a channel's figure —
/// the heap addresses its objects land on (false sharing, cache sets), where the runtime's
/// thread pool and the kernel put the threads, the machine's load at that moment. Repetitions
/// inside one process share all of that, so they agree with each other far better than two
/// processes do (an A/A experiment here: 14 % median difference between processes, a few
/// percent inside one). JMH forks the JVM for the same reason. compare takes one sample per
/// fork, so evidence grows with the number of processes, not repetitions.
///
/// Fork 1 sizes every configuration (``RepetitionSizing``, or `--sizes-from`); forks 2…N reuse
/// fork 1's message counts, so every process measures exactly the same work. A fork that fails
/// a check (exit 3) keeps its rows and the run exits 3; one that crashes is named, its rows so
/// far are kept, and the run exits 3; bad input (exit 1) stops everything.
struct ForkedRun {
    let forks: Int
    /// `run` plus the matrix options, without output, forking or quietness.
    let childArguments: [String]
    let sizesFrom: String?
    let quiet: Bool
    let output: String?
    /// The `# parameters:` metadata value.
    let parameters: String

    func execute() throws(BenchInputError) -> Int32 {
        let writer = try RunSession.openWriter(output: output, metadata: RunMetadata.collect(parameters: parameters))
        let scratch = NSTemporaryDirectory() + "chanbench-forks-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw .unwritableOutput(path: scratch, reason: "cannot create a scratch folder for the forks")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        var failed = false
        var rowsWritten = 0
        let started = Date()
        for fork in 1...forks {
            let path = "\(scratch)/fork-\(fork).csv"
            let sizes = fork == 1 ? sizesFrom : "\(scratch)/fork-1.csv"
            var args = childArguments + ["--fork-index", "\(fork)/\(forks)", "--output", path]
            if let sizes, fork == 1 || FileManager.default.fileExists(atPath: sizes) { args += ["--sizes-from", sizes] }
            if quiet { args.append("--quiet") }
            note("fork \(fork)/\(forks): starting a fresh process")
            let forkStart = Date()
            let status = runChild(args)
            if status == RunSession.exitBadInput {
                writer.close()
                throw .forkFailed(fork: fork, reason: "exited 1 (bad input; see its error above)")
            }
            let rows = append(path, to: writer)
            rowsWritten += rows
            if status == ForkedRun.crashed || (status != 0 && status != RunSession.exitCheckFailed) {
                StandardError.write("error: fork \(fork)/\(forks) did not finish (\(describe(status))); keeping its \(rows) row(s)")
                failed = true
            } else if status == RunSession.exitCheckFailed {
                failed = true
            }
            note("fork \(fork)/\(forks): done in \(Int(Date().timeIntervalSince(forkStart))) s")
        }
        writer.close()
        StandardError.write("wrote \(rowsWritten) rows from \(forks) processes to \(writer.paths.joined(separator: " and ")) "
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

    /// Copies a fork's data rows into the merged file; returns how many.
    private func append(_ path: String, to writer: CSVWriter) -> Int {
        guard let file = try? BenchCSVReader.read(path: path) else { return 0 }
        for row in file.rows {
            // Same binary, same columns; look them up by name anyway.
            writer.write(row: BenchCSV.columns.map { file.text($0, in: row) ?? "" })
        }
        return file.rows.count
    }

    static let crashed: Int32 = -1

    /// Runs this executable with `args`; stdout (the child's summary) is dropped, stderr
    /// (progress, failures) passes through. Returns the exit status, or `crashed` for a signal.
    private func runChild(_ args: [String]) -> Int32 {
        let process = Process()
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.standardError
        do { try process.run() } catch {
            StandardError.write("error: cannot start \(exe): \(error)")
            return ForkedRun.crashed
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? ForkedRun.crashed : process.terminationStatus
    }

    private func describe(_ status: Int32) -> String {
        status == ForkedRun.crashed ? "killed by a signal or could not start" : "exit \(status)"
    }

    private func note(_ line: String) {
        if !quiet { StandardError.write(line) }
    }
}
