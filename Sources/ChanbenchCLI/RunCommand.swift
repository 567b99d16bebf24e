import ArgumentParser
import Channels
import BenchSupport
import BenchModel
import BenchEngine
import BenchReport
import BenchVerify
import BenchHistory

/// `chanbench run`: runs a matrix or a named suite, checks every run, writes the CSV.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run benchmarks (a named suite or a parameter matrix); every run is verified.",
        discussion: """
        Every comma list expands to a matrix. seq, spsc and pingpong always run 1x1 and mpsc \
        with one consumer; unsupported combinations are skipped with a note on stderr.
        Rows go to results/<UTC timestamp>.csv, flushed as each repetition completes; \
        results/latest.csv (or --output) is replaced when the run ends. Every CSV ends with \
        '# status: complete rows=N' (or 'interrupted'). Every option is given once (lists are \
        comma separated); a repeated option is refused. Bounded capacities above 2^26, or whose \
        full buffer exceeds a quarter of physical memory, are refused. A summary table (median \
        ns/msg) goes to stdout.
        Exit status: 0 all runs verified; 1 bad input or a failed write; 3 a run failed a check \
        or timed out; 130 / 143 interrupted by SIGINT / SIGTERM (rows kept).
        """
    )

    @Option(help: "Named suite: quick (< 60 s), default (< 5 min, make bench) or full. Combine only with --impl, --repetitions, --warmup, --min-time, --max-time, --run-timeout, --output.")
    var suite: String?

    @Option(help: "Implementations, comma list, or 'all' (see chanbench list).")
    var impl: String = "all"

    @Option(help: "Workloads: seq, spsc, mpsc, mpmc, pingpong, try-pingpong (comma list or 'all').")
    var workload: String?

    @Option(help: "Producer counts for mpsc/mpmc (comma list).")
    var producers: String?

    @Option(help: "Consumer counts for mpmc (comma list).")
    var consumers: String?

    @Option(help: "Capacities: numbers >= 0 (0 = rendezvous) or 'unbounded' (comma list).")
    var capacity: String?

    @Option(name: .customLong("message-size"), help: "Payload bytes (>= 8; 8,16,32,64,128,256 inline, others heap-backed).")
    var messageSize: String?

    @Option(help: "Total messages per run (pingpong: round trips); divisible by every producer count.")
    var messages: Int?

    @Option(help: "Measured repetitions per configuration (default: the suite's, else 3).")
    var repetitions: Int?

    @Option(help: "Unrecorded (but still checked) warmup runs per configuration (default: the suite's, else 1).")
    var warmup: Int?

    @Option(name: .customLong("min-time"), help: "Grow each measured repetition to last at least this many seconds (messages x a power of two, at most x64, estimated from the warmup run; 0 = off). Default: the suite's (quick 0.03), else 0.")
    var minTime: Double?

    @Option(name: .customLong("max-time"), help: "Shrink a measured repetition estimated to last longer than this many seconds (messages / a power of two, at most /16, never below 1000 messages; 0 = off). Default: the suite's (quick 0.25), else 0.")
    var maxTime: Double?

    @Option(help: "Run the whole matrix in N fresh processes, one after another, and merge their rows (the fork column says which); compare then takes one sample per process. Default: the suite's (quick 8), else 1.")
    var forks: Int?

    @Option(name: .customLong("sizes-from"), help: "Measure each configuration with the message count it has in this earlier bench CSV (instead of sizing it from the warmup), so two runs do exactly the same work; configurations not in the file are sized as usual.")
    var sizesFrom: String?

    @Option(help: "Open-loop mode: pace producers at N msgs/s in total; latency from the intended send time.")
    var rate: Int?

    @Option(help: "Measurement modes (comma list): throughput (no clock read per message: the ns/msg figure, no latency) and/or latency (messages carry send times, see --latency-sample: the percentiles, ns/msg inflated by the clock). Default: throughput,latency; latency with --rate.")
    var mode: String?

    @Option(name: .customLong("run-timeout"), help: "Watchdog in seconds per run: a run still going is closed, reported failed, and the suite goes on.")
    var runTimeout: Double = 60

    @Option(name: .customLong("latency-sample"), help: "Latency mode: closed-loop streams time every k-th message (1 = all; a clock read costs as much as a fast channel operation). Pingpong and --rate time all. Throughput mode times none.")
    var latencySample: Int = 8

    @Option(help: "Write the CSV here (replacing it) instead of results/<UTC timestamp>.csv + results/latest.csv.")
    var output: String?

    @Flag(name: .customLong("generic-path"), help: "Run built-in flavors through the registry's generic 'any BlockingChannel' path (as user-registered channels run) instead of their concrete, specialized types; to measure that cost.")
    var genericPath = false

    @Flag(name: .customLong("alloc-stacks"), help: "Instead of measuring, name where each configuration allocates: run it with jemalloc's heap profiler at a quarter of --messages and at all of them (one repetition each, threads and tasks as in a plain run), and print the call stacks with their allocations per message. Needs llvm-symbolizer.")
    var allocStacks = false

    @Flag(help: "Pin each worker thread to one CPU, round-robin over the CPUs this process may use, producers first (sched_setaffinity; threads only, tasks are not pinned).")
    var pin = false

    @Flag(help: "No progress lines (failures are still printed).")
    var quiet = false

    @Flag(help: "List every skipped combination (default: one line per reason).")
    var verbose = false

    @Option(help: "Run only the K-th of N disjoint parts of the matrix (K/N, by a stable hash of each configuration), so N runners share a suite.")
    var shard: String?

    @Option(help: "Append the run to this history database, a SQLite file or a postgres:// URL (default: $CHANBENCH_HISTORY, else \(SQLiteResultsStore.defaultPath) when the CSV goes to results/; with --output only if one of those is given).")
    var history: String?

    @Flag(name: .customLong("no-history"), help: "Do not append the run to the history database.")
    var noHistory = false

    func run() throws {
        // From the start, so a signal before the output opens still exits 130/143 cleanly.
        Interrupts.install()
        var written: String?  // the run's own file, not latest.csv, which a concurrent run may replace
        let status = try Self.reportingBadInput {
            let plan = try plan()
            if allocStacks { return try AllocStacksRun(plan: plan, forks: forks, quiet: quiet).execute() }
            let forkCount = try resolvedForks()
            if forkCount > 1 {
                return try ForkedRun(plan: plan, forks: forkCount, quiet: quiet, output: output).execute { written = $0 }
            }
            return try Self.measure(plan.matrix, options: plan.options, parameters: plan.parameters, output: output,
                                    progress: ProgressReporter(quiet: quiet, verbose: verbose)) { written = $0 }
        }
        // Only a finished run whose every check passed joins the history (--alloc-stacks
        // measures nothing and writes no CSV).
        if status == 0, !noHistory, let written,
           let db = ResultsStoreLocation.resolve(history, fallback: output == nil ? SQLiteResultsStore.defaultPath : nil) {
            try ImportCommand.record(written, db: db)
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Processes to run: `--forks`, else the suite's, else 1.
    func resolvedForks() throws(BenchInputError) -> Int {
        if let forks, forks < 1 { throw .notPositive(option: "forks", value: forks) }
        return forks ?? suite.flatMap { BenchSuite(rawValue: $0.lowercased())?.forks } ?? 1
    }

    /// What `plan()` resolved: the parameter lists (suite presets applied), their matrix, the
    /// measurement options and the `# parameters:` value.
    struct Plan {
        var parameterSets: [RunParameters]
        var matrix: RunMatrix
        var options: RunOptions
        var parameters: String
        var shard: RunShard?
    }

    /// Validates every input and expands the matrix before anything runs.
    func plan() throws(BenchInputError) -> Plan {
        let impls = try ParameterParsing.names(impl)
        var sets: [RunParameters]
        var reps = repetitions ?? 3
        var warm = warmup ?? 1
        var sizing = RepetitionSizing(minimumSeconds: minTime ?? 0, maximumSeconds: maxTime ?? 0)
        var parameters: String
        if let suiteName = suite {
            guard let s = BenchSuite(rawValue: suiteName.lowercased()) else { throw .unknownSuite(suiteName) }
            let conflicting: [(String, Bool)] = [("workload", workload != nil), ("producers", producers != nil),
                                                 ("consumers", consumers != nil), ("capacity", capacity != nil),
                                                 ("message-size", messageSize != nil), ("messages", messages != nil),
                                                 ("rate", rate != nil), ("mode", mode != nil)]
            if let c = conflicting.first(where: { $0.1 }) { throw .conflictsWithSuite(option: c.0) }
            sets = s.parameterSets
            for i in sets.indices { sets[i].implementations = impls }
            reps = repetitions ?? s.repetitions
            warm = warmup ?? s.warmup
            sizing = RepetitionSizing(minimumSeconds: minTime ?? s.sizing.minimumSeconds,
                                      maximumSeconds: maxTime ?? s.sizing.maximumSeconds)
            parameters = "suite=\(s.rawValue) impl=\(impls.joined(separator: ","))"
        } else {
            var p = RunParameters(implementations: impls)
            if let w = workload { p.workloads = try ParameterParsing.workloads(w) }
            if let v = producers { p.producers = try ParameterParsing.positiveIntegers(v, option: "producers") }
            if let v = consumers { p.consumers = try ParameterParsing.positiveIntegers(v, option: "consumers") }
            if let v = capacity { p.capacities = try ParameterParsing.capacities(v) }
            if let v = messageSize { p.messageSizes = try ParameterParsing.messageSizes(v) }
            if let v = messages { p.messages = v }
            p.rate = rate
            // Pacing needs the clock, so open loop defaults to the one mode it can run in.
            p.modes = try mode.map { text throws(BenchInputError) in try ParameterParsing.modes(text) }
                ?? (rate == nil ? [.throughput, .latency] : [.latency])
            sets = [p]
            parameters = "impl=\(impls.joined(separator: ",")) workload=\(p.workloads.map(\.rawValue).joined(separator: ","))"
                + " producers=\(p.producers.map(String.init).joined(separator: ","))"
                + " consumers=\(p.consumers.map(String.init).joined(separator: ","))"
                + " capacity=\(p.capacities.map(\.description).joined(separator: ","))"
                + " message_size=\(p.messageSizes.map(String.init).joined(separator: ","))"
                + " messages=\(p.messages)" + (p.rate.map { " rate=\($0)" } ?? "")
                + " mode=\(p.modes.map(\.rawValue).joined(separator: ","))"
        }
        let fixedMessages = try sizesFrom.map { path throws(BenchInputError) in try Self.messageCounts(from: path) } ?? [:]
        var options = RunOptions(repetitions: reps, warmup: warm, runTimeoutSeconds: runTimeout, latencySampleEvery: latencySample,
                                 specializeBuiltIns: !genericPath, sizing: sizing, fixedMessages: fixedMessages)
        options.pin = pin
        try options.validate()
        try InjectedWork.validateEnvironment()
        var matrix = try RunMatrix(sets, available: BenchImplementations.all)
        let part = try shard.map { text throws(BenchInputError) in try RunShard(parsing: text) }
        if let part { matrix = matrix.shard(part) }
        parameters += " repetitions=\(reps) warmup=\(warm) run_timeout_s=\(runTimeout) latency_sample_every=\(latencySample)"
            + " specialize_builtins=\(!genericPath) min_time_s=\(sizing.minimumSeconds) max_time_s=\(sizing.maximumSeconds)"
            + (sizesFrom.map { " sizes_from=\($0)" } ?? "") + (shard.map { " shard=\($0)" } ?? "")
            + (pin ? " pin=true" : "")
        return Plan(parameterSets: sets, matrix: matrix, options: options, parameters: parameters, shard: part)
    }

    /// Message count per configuration from an earlier bench CSV's measured rows.
    static func messageCounts(from path: String) throws(BenchInputError) -> [BenchConfigurationKey: Int] {
        do {
            return try BenchCSVFile.messageCounts(of: BenchCSVReader.read(path: path))
        } catch {
            throw .badSizesFile(path: path, reason: error.description)
        }
    }

    /// Runs `matrix` in this process and prints the summary table; returns the exit status.
    static func measure(_ matrix: RunMatrix, options: RunOptions, parameters: String, output: String?,
                        progress: ProgressReporter, wrote: (String) -> Void = { _ in }) throws -> Int32 {
        let session = RunSession(matrix: matrix, options: options, parameters: parameters, output: output, progress: progress)
        let outcome = try session.execute()
        if let path = outcome.paths.first { wrote(path) }
        print(SummaryTable.render(outcome.results))
        return outcome.exitStatus
    }

    /// Runs `body`, turning bad input and failed writes into one `error:` line and exit 1.
    static func reportingBadInput(_ body: () throws -> Int32) throws -> Int32 {
        do {
            return try body()
        } catch let e as BenchInputError {
            StandardError.write("error: \(e)")
            throw ExitCode(1)
        } catch let e as CSVWriteError {
            StandardError.write("error: \(e)")
            throw ExitCode(1)
        }
    }
}
