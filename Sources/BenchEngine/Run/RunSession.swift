#if canImport(Glibc)
import Glibc
#endif
import BenchSupport
import BenchModel

/// A whole `chanbench run`, as a library call: validates and opens the output first, runs the
/// matrix (progress on stderr), writes and flushes every row, and returns the results and the
/// exit status. The CLI is a thin shell around this; a user's package calls it the same way
/// for its own registered channels:
///
///     try ChannelRegistry.register(myDescriptor)
///     let matrix = try RunMatrix([RunParameters(implementations: ["mine", "condvar"])],
///                                available: ChannelRegistry.all)
///     let outcome = try RunSession(matrix: matrix, options: RunOptions(), parameters: "mine").execute()
public struct RunSession {
    /// Exit status when every run verified.
    public static let exitSuccess: Int32 = 0
    /// Exit status for bad input (a ``BenchInputError``).
    public static let exitBadInput: Int32 = 1
    /// Exit status when any run failed a check or timed out.
    public static let exitCheckFailed: Int32 = 3

    public struct Outcome {
        public let results: [RunResult]
        /// Where rows were written (the file and its mirrors).
        public let paths: [String]
        public var failed: [RunResult] { results.filter { !$0.verified } }
        public var exitStatus: Int32 { failed.isEmpty ? RunSession.exitSuccess : RunSession.exitCheckFailed }
    }

    public let matrix: RunMatrix
    public let options: RunOptions
    /// The `# parameters:` metadata value.
    public let parameters: String
    /// Explicit output file (replaced), or `nil` for results/<UTC timestamp>.csv + results/latest.csv.
    public let output: String?
    public let resultsDirectory: String
    public let progress: ProgressReporter

    public init(matrix: RunMatrix, options: RunOptions, parameters: String, output: String? = nil,
                resultsDirectory: String = "results", progress: ProgressReporter = ProgressReporter()) {
        self.matrix = matrix
        self.options = options
        self.parameters = parameters
        self.output = output
        self.resultsDirectory = resultsDirectory
        self.progress = progress
    }

    /// The bench CSV a run writes: `output` (replaced when the run ends), or a new
    /// `<resultsDirectory>/<UTC timestamp>.csv` mirrored to `latest.csv` (replaced when the run
    /// ends, so a run that starts never destroys the previous one). Shared with the CLI's
    /// forked runs, whose merged file follows the same rule.
    package static func openWriter(output: String?, resultsDirectory: String = "results",
                                  metadata: RunMetadata) throws(BenchInputError) -> CSVWriter {
        if let output {
            return try CSVWriter(path: output, metadata: metadata, columns: BenchCSV.columns, exclusive: false)
        }
        return try CSVWriter.createNew(named: { BenchCSV.timestampedPath(directory: resultsDirectory) }, metadata: metadata,
                                       columns: BenchCSV.columns, mirrors: ["\(resultsDirectory)/latest.csv"])
    }

    /// Finishes `writer` when SIGINT/SIGTERM arrives: its trailer says `interrupted`, and
    /// stderr says what was kept. Returns the ``Interrupts`` token to remove once finished.
    package static func finishOnInterrupt(_ writer: CSVWriter, progress: ProgressReporter = ProgressReporter()) -> Int {
        Interrupts.onInterrupt { _ in
            do {
                try writer.finish(complete: false)
                progress.note("interrupted: kept \(writer.rowsWritten) rows in \(writer.paths.joined(separator: " and "))")
            } catch {
                progress.note("error: \(error)")
            }
        }
    }

    /// Metadata lines for the set-up that changes the work without being a configuration
    /// column (thread pinning, test-only injected work): every writer of a run's file adds
    /// them, forked or not, so compare can tell runs that were set up differently.
    package static func setupMetadata(_ options: RunOptions) -> [(key: String, value: String)] {
        [("pinned_threads", options.pin ? "true" : "false")] + InjectedWork.metadata
    }

    /// Opens the output (throwing ``BenchInputError/unwritableOutput(path:reason:)`` before any
    /// run) and runs everything. A failed write stops the run with ``CSVWriteError``.
    public func execute(command: [String] = CommandLine.arguments) throws -> Outcome {
        try options.validate()
        if matrix.configurations.isEmpty { throw BenchInputError.nothingToRun }
        let writer = try Self.openWriter(output: output, resultsDirectory: resultsDirectory,
                                         metadata: RunMetadata.collect(command: command, parameters: parameters,
                                                                       extra: Self.setupMetadata(options)))
        let token = Self.finishOnInterrupt(writer, progress: progress)
        defer { Interrupts.remove(token) }
        // Every fork of a forked run would repeat the same notes: the first says it.
        if options.fork == 1 { for line in progress.verbose ? matrix.skipped : matrix.skipSummary { progress.note(line) } }
        let runner = BenchmarkRunner(options: options, progress: progress)
        let results: [RunResult]
        do {
            results = try runner.run(matrix) { try writer.write(row: BenchCSV.row($0, fork: options.fork, options: options)) }
            try writer.finish()
        } catch let error as CSVWriteError {
            // Keep what was written (the temporary file is renamed into place, without a trailer).
            try? writer.finish(complete: false)
            throw error
        }
        let outcome = Outcome(results: results, paths: writer.paths)
        progress.note("wrote \(results.count) rows to \(writer.paths.joined(separator: " and "))")
        if !outcome.failed.isEmpty {
            progress.note("error: \(outcome.failed.count) run(s) failed their checks:")
            for r in outcome.failed { progress.runFailed(r) }
        }
        return outcome
    }
}
