import ArgumentParser
import Foundation
import Channels
import BenchSupport
import BenchModel
import BenchEngine
import BenchVerify
import BenchHistory

/// `chanbench memory`: memory over time with fast producers and a slow consumer, so a bounded
/// channel's flat line and an unbounded one's growth can be seen (and measured) side by side.
struct MemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Sample memory over time: fast producers, a paced consumer, then a full drain.",
        discussion: """
        Each implementation x capacity runs in a fresh child process, so every run starts from \
        the same baseline. Per run: results/memory-<impl>-<capacity>-<UTC>.csv with \
        impl,capacity,message_bytes,t_ms,allocated_bytes,resident_bytes,rss_bytes,queued,sent,received \
        (allocated/resident from jemalloc after an epoch refresh, rss from /proc/self/statm, \
        queued = the channel's count). A summary row per run goes to stdout and to \
        results/memory-summary.csv (replaced when the command ends). A run shorter than 3 samples is \
        flagged as failed. Exit status: 0 ok, 1 bad input or a failed write, 3 a run failed, lost \
        messages or was too short, 130 / 143 interrupted by SIGINT / SIGTERM.
        """
    )

    @Option(help: "Preset: quick (200k messages) or default (1M messages; what make bench runs).")
    var suite: String?
    @Option(help: "Implementations, comma separated (default: every built-in one).")
    var impl: String?
    @Option(help: "Capacities, comma separated, e.g. 1024,unbounded (default).")
    var capacity: String?
    @Option(help: "Producer threads or tasks.")
    var producers: Int = 2
    @Option(help: "Total messages (default: the suite's).")
    var messages: Int?
    @Option(name: .customLong("message-size"), help: "Payload bytes per message (>= 8).")
    var messageSize: Int = 64
    @Option(name: .customLong("consumer-delay-us"), help: "The consumer takes one message per this many microseconds (clock-paced).")
    var consumerDelayUs: Double = 1
    @Option(name: .customLong("interval-ms"), help: "Sampling interval in milliseconds.")
    var intervalMs: Int = 10
    @Option(name: .customLong("output-dir"), help: "Folder for the CSV files.")
    var outputDir: String = "results"
    @Option(name: .customLong("run-timeout"), help: "Seconds a single run may take before its process is stopped.")
    var runTimeout: Double = 300
    @Flag(help: "Run everything in this process instead of one child process per run.")
    var inProcess = false
    @Option(help: "Append the summary to this history database, a SQLite file or a postgres:// URL (default: $CHANBENCH_HISTORY, else \(SQLiteResultsStore.defaultPath) when the output folder is results; otherwise only if one of those is given).")
    var history: String?
    @Flag(name: .customLong("no-history"), help: "Do not append the summary to the history database.")
    var noHistory = false

    func run() throws {
        let plan: MemoryPlan
        let stamp = RunMetadata.fileTimestamp()
        do {
            var total = messages
            if let s = suite {
                guard let preset = MemoryPlan.Suite(rawValue: s.lowercased()) else {
                    throw MemoryScenarioError.invalid("unknown suite '\(s)' (known: \(MemoryPlan.Suite.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                total = total ?? preset.messages
            }
            var caps: [ChannelCapacity]?
            var impls: [String]?
            do {
                if let c = capacity { caps = try ParameterParsing.capacities(c) }
                if let i = impl { impls = try ParameterParsing.names(i) }
            } catch {
                throw MemoryScenarioError.invalid(error.description)
            }
            plan = try MemoryPlan(implementations: impls, capacities: caps, producers: producers,
                                  messages: total ?? MemoryPlan.Suite.default.messages, messageBytes: messageSize,
                                  consumerDelayMicroseconds: consumerDelayUs, intervalMilliseconds: intervalMs)
            if runTimeout <= 0 { throw MemoryScenarioError.invalid("--run-timeout must be positive") }
            try checkWritable(outputDir)
        } catch let e as MemoryScenarioError {
            StandardError.write("error: \(e)")
            throw ExitCode(1)
        }
        for note in plan.skipped { StandardError.write(note) }
        Interrupts.install()
        let summaryPath = (outputDir as NSString).appendingPathComponent("memory-summary.csv")
        let progress = MemoryChildRunner.Progress()
        // Interrupted: stop the child, and keep the runs that finished in the summary.
        let token = Interrupts.onInterrupt { sig in
            if let child = progress.interrupt() {
                child.signal(sig)
                if !child.wait(timeout: 5) { child.stop(grace: 0) }
            }
            let rows = progress.rows
            do {
                try writeSummary(rows, plan: plan, to: summaryPath, complete: false)
                StandardError.write("interrupted: kept \(rows.count) rows in \(summaryPath)")
            } catch {
                StandardError.write("error: \(error)")
            }
        }
        defer { Interrupts.remove(token) }
        let rows: [MemorySummaryRow]
        if inProcess {
            for (i, s) in plan.scenarios.enumerated() {
                MemoryRunWriter.progress(i, plan.scenarios.count, s)
                progress.add(MemoryRunWriter.runAndWrite(s, directory: outputDir, timestamp: stamp))
            }
            rows = progress.rows
        } else {
            rows = MemoryChildRunner(timeoutSeconds: runTimeout).runAll(plan.scenarios, directory: outputDir, timestamp: stamp,
                                                                       progress: progress)
        }
        do {
            try writeSummary(rows, plan: plan, to: summaryPath, complete: true)
        } catch {
            StandardError.write("error: \(error)")
            throw ExitCode(1)
        }
        print(MemorySummaryTable.render(rows))
        StandardError.write("memory: summary in \(summaryPath)")
        // As for run: only a summary whose every run passed joins the history.
        if !rows.contains(where: { !$0.verified }), !noHistory,
           let db = ResultsStoreLocation.resolve(history, fallback: outputDir == "results" ? SQLiteResultsStore.defaultPath : nil) {
            try ImportCommand.record(summaryPath, db: db)
        }
        if rows.contains(where: { !$0.verified }) { throw ExitCode(3) }
    }

    /// The summary, replaced as a whole (temporary file + rename) with its status trailer.
    private func writeSummary(_ rows: [MemorySummaryRow], plan: MemoryPlan, to path: String, complete: Bool) throws {
        let writer = try CSVWriter(
            path: path,
            metadata: RunMetadata.collect(parameters: MemoryRunWriter.parameters(plan.scenarios)),
            columns: MemoryCSV.summaryColumns, exclusive: false)
        do {
            for r in rows { try writer.write(row: r.fields) }
            try writer.finish(complete: complete)
        } catch {
            try? writer.finish(complete: false)
            throw error
        }
    }

    private func checkWritable(_ dir: String) throws(MemoryScenarioError) {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw .invalid("cannot create output folder \(dir)")
        }
        if access(dir, W_OK) != 0 { throw .invalid("output folder \(dir) is not writable") }
    }
}
