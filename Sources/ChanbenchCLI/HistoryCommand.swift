import ArgumentParser
import Foundation
import BenchSupport
import BenchModel
import BenchHistory

/// `chanbench history`: per configuration, the series over commits on one machine class and
/// its change points.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Find where each configuration's figure shifted over commits (E-divisive change points).",
        discussion: """
            One point per commit: the median of the commit's verified repetitions on one \
            machine class, commits in the order of their first run's date. Change points by \
            E-divisive means on log values with a seeded permutation test (the same history, \
            options and seed give the same answer); each names the commit where the shift \
            began and its size, median after / median before, with a bootstrap interval. \
            Machine classes (CPU model, cores, architecture, build) are never mixed: with \
            several in the database, choose one with --machine.
            Exit status: 0 done; 1 bad input; 2 with --fail-on-change-at-head, a significant \
            slowdown starts within the newest --min-segment commits of a configuration.
            """
    )

    @Option(help: "The history database: a SQLite file or a postgres:// URL (default: $CHANBENCH_HISTORY, else \(SQLiteResultsStore.defaultPath)).")
    var db: String?

    @Option(help: "Figure to follow (compare's metrics; msgs_per_sec counts higher as better).")
    var metric: String = "ns_per_msg"

    @Option(help: "Only configurations whose description contains this text (e.g. 'ring mpmc').")
    var config: String?

    @Option(help: "Machine class (see the error listing them when there are several).")
    var machine: String?

    @Option(help: "Output: text or csv.")
    var format: String = "text"

    @Option(help: "Significance level of the permutation test (a change point needs p < alpha).")
    var alpha: Double = EDivisive.defaultAlpha

    @Option(help: "Permutations per test (p >= 1/(1+N)).")
    var permutations: Int = EDivisive.defaultPermutations

    @Option(name: .customLong("min-segment"), help: "Fewest commits on each side of a change point.")
    var minSegment: Int = EDivisive.defaultMinimumSegment

    @Option(help: "Seed of the permutations and the bootstrap.")
    var seed: UInt64 = 1

    @Flag(name: .customLong("fail-on-change-at-head"), help: "Exit 2 when a significant slowdown starts within the newest --min-segment commits.")
    var failOnChangeAtHead = false

    func run() throws {
        do {
            guard format == "text" || format == "csv" else { throw HistoryError.badOption("bad format '\(format)' (use text or csv)") }
            guard alpha > 0, alpha < 1 else { throw HistoryError.badOption("--alpha must lie between 0 and 1, not \(alpha)") }
            guard permutations >= 19 else { throw HistoryError.badOption("--permutations must be at least 19, not \(permutations)") }
            guard minSegment >= 1 else { throw HistoryError.badOption("--min-segment must be at least 1, not \(minSegment)") }
            let historyMetric = try HistoryMetric(named: metric)
            let location = ResultsStoreLocation.resolve(db, fallback: SQLiteResultsStore.defaultPath)
            let store = try ResultsStoreLocation.openExisting(location)
            let machineClass = try store.machineClass(machine, location: location)
            var series = ConfigurationSeries.build(try store.samples(of: historyMetric, machineClass: machineClass))
            if let config { series = series.filter { $0.configuration.description.contains(config) } }
            if series.isEmpty {
                throw HistoryError.badOption("no configuration on machine class \(machineClass) has a verified \(metric) figure" + (config.map { " and matches '\($0)'" } ?? ""))
            }
            StandardError.write("history: \(series.count) configurations on machine class \(machineClass)")
            let analysis = HistoryAnalysis(metric: historyMetric,
                                           detector: EDivisive(alpha: alpha, permutations: permutations, minimumSegment: minSegment, seed: seed))
            let results = analysis.analyse(series) { StandardError.write("history: \($0)") }
            if format == "csv" {
                let metadata = RunMetadata.collect(parameters: "db=\(ResultsStoreLocation.redacted(location)) metric=\(metric) machine=\(machineClass) alpha=\(alpha) permutations=\(permutations) min_segment=\(minSegment) seed=\(seed)" + (config.map { " config=\($0)" } ?? ""))
                try StandardOutput.write(HistoryReport.csv(results, metric: historyMetric, machineClass: machineClass, metadata: metadata))
            } else {
                try StandardOutput.write(HistoryReport.text(results, metric: historyMetric, machineClass: machineClass) + "\n")
            }
            if failOnChangeAtHead {
                let atHead = results.filter { $0.slowdownAtHead != nil }
                if let first = atHead.first, let shift = first.slowdownAtHead {
                    StandardError.write("error: \(atHead.count) configuration(s) slowed at the newest commits; first: \(first.series.configuration) \(metric) x\(DecimalText.exact(shift.ratio, 3)) from commit \(HistoryReport.shortCommit(shift.commit)) (p=\(DecimalText.exact(shift.pValue, 3)))")
                    throw ExitCode(2)
                }
            }
        } catch let error as HistoryError {
            StandardError.write("error: \(error)")
            throw ExitCode(1)
        } catch let error as CSVWriteError {
            StandardError.write("error: \(error)")
            throw ExitCode(1)
        }
    }
}
