import ArgumentParser
import BenchSupport
import Foundation
import BenchModel
import BenchCompare

/// `chanbench compare BASE.csv NEW.csv`: the noise-aware regression gate.
///
/// Thin on purpose: parsing and statistics live in `ChannelBench/Compare` where they are tested;
/// this type maps flags to `CompareOptions`, prints the report on stdout, and turns the outcome
/// into the documented exit code.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two bench CSVs and flag configurations that got slower.",
        discussion: """
            Rows are matched by (impl, workload, producers, consumers, capacity,
            message_bytes, driver) and the columns that change the work
            (rate_msgs_per_sec, latency_sample_every, generic_path) when both
            files have them. Every repetition is used: the median ratio
            NEW/BASE with a seeded, reproducible bootstrap confidence interval,
            and a Mann-Whitney U p-value, Holm-corrected over all configurations
            judged. Each process's median is one sample (a fork of a --forks N
            run, a CSV joined with cat, a round of the A/B script's ab_round
            column): repetitions inside a process share its heap layout, thread
            placement and moment, and agree far better than two processes do.

            Verdicts:
              regression   the whole interval lies above 1 + threshold, and the
                           Holm-adjusted Mann-Whitney p < 1 - confidence when the
                           sample sizes let it reach that level (8 vs 8 forks do
                           for up to ~300 configurations); otherwise the interval
                           alone decides and a warning says so
              improvement  the mirror: upper bound below 1 / (1 + threshold)
              unchanged    no material change shown
              inconclusive a side was measured by a single process (a plain
                           chanbench run): no evidence either way; measure with
                           --forks 8 or make compare
              failed       a NEW repetition has verified=false (wrong answer)
              missing      configuration only in BASE
              new          configuration only in NEW

            Exit codes:
              0   no regression and no failed configuration
              2   at least one regression or failed configuration
              1   bad input: missing or unreadable file, not a ChannelBench CSV
                  (missing columns), a malformed value (named with its line),
                  a verified row with an empty or zero ns_per_msg, a side with
                  no usable figure, a file without a '# status: complete'
                  trailer (unless --accept-partial), no overlapping
                  configurations, a bad option value, a failed write, or a
                  usage error (unknown flag, missing argument)

            Examples:
              chanbench compare results/baseline.csv results/latest.csv
              chanbench compare --threshold 3x results/baseline.csv new.csv
              chanbench compare --metric cpu_ns_per_msg base.csv new.csv
              chanbench compare --metric lat_p99_ns --format markdown \\
                  base.csv new.csv >> "$GITHUB_STEP_SUMMARY"
            """
    )

    @Argument(help: "The bench CSV to compare against (the reference run).")
    var base: String

    @Argument(help: "The bench CSV under test.")
    var new: String

    @Option(help: """
        Column to compare: \(CompareMetric.known.map(\.name).joined(separator: ", ")). \
        msgs_per_sec counts higher as better; all others lower. cpu_ns_per_msg is \
        (cpu_user_s + cpu_sys_s) per message: it leaves out time spent waiting for a core \
        other jobs hold, so it varies less than ns_per_msg on a shared machine.
        """)
    var metric: String = CompareMetric.nsPerMessage.name

    @Option(help: "Allowed slowdown before a regression: a percentage (5%, 5) or a factor (3x = 200%). Default: 5%; 1% for instructions_per_msg, which is exact (deterministic counts: any change of at least the threshold is a change).")
    var threshold: String?

    @Option(help: "Report format: text, markdown (CI job summary) or csv (the compare CSV contract).")
    var format: String = CompareReportFormat.text.rawValue

    @Option(help: "Confidence level of the interval (95%, 0.95); 1 - level is the rank test's alpha.")
    var confidence: String = "95%"

    @Option(help: "Bootstrap seed; the same seed gives the same intervals.")
    var seed: UInt64 = CompareOptions.defaultSeed

    @Option(help: "Multiple-comparison correction of the rank test: holm (family-wise, the default) or none (each configuration alone; cries wolf on a suite).")
    var correction: String = MultipleComparisonCorrection.holm.rawValue

    @Flag(name: .customLong("accept-partial"), help: "Compare files without a '# status: complete' trailer (an interrupted or cut-short run) instead of refusing them.")
    var acceptPartial = false

    func run() throws {
        let comparison: BenchComparison
        let reportFormat: CompareReportFormat
        do {
            guard let parsedFormat = CompareReportFormat(rawValue: format.lowercased()) else {
                throw CompareCommandError("bad format '\(format)' (use text, markdown or csv)")
            }
            reportFormat = parsedFormat
            guard let parsedCorrection = MultipleComparisonCorrection(rawValue: correction.lowercased()) else {
                throw CompareCommandError("bad correction '\(correction)' (use holm or none)")
            }
            let parsedMetric = try CompareMetric(named: metric)
            let options = CompareOptions(
                metric: parsedMetric,
                threshold: try threshold.map { text throws(CompareError) in try CompareThreshold(parsing: text) }
                    ?? parsedMetric.defaultThreshold,
                confidence: try CompareOptions.parseConfidence(confidence),
                seed: seed,
                correction: parsedCorrection)
            comparison = try BenchComparator.compare(basePath: base, newPath: new, options: options, acceptPartial: acceptPartial) {
                Self.printStderr("chanbench compare: \($0)")
            }
        } catch let error as CompareError {
            Self.printError(error.description)
            throw ExitCode(1)
        } catch let error as CompareCommandError {
            Self.printError(error.message)
            throw ExitCode(1)
        }
        do {
            try StandardOutput.write(reportFormat.render(comparison))
        } catch {
            Self.printError("\(error)")
            throw ExitCode(1)
        }
        if reportFormat == .csv {
            // The CSV has no room for warnings; the log should still show them.
            for warning in comparison.warnings { Self.printStderr("chanbench compare: warning: \(warning)") }
        }
        if reportFormat != .text {
            // stdout may go to a file or job summary; keep the outcome visible in the log.
            Self.printStderr("chanbench compare: \(comparison.summaryLine)")
        }
        if comparison.failsGate { throw ExitCode(2) }
    }

    private static func printError(_ message: String) {
        printStderr("chanbench compare: error: \(message)")
    }

    private static func printStderr(_ line: String) {
        StandardError.write(line)
    }
}

/// A bad option value found by `CompareCommand` itself (exit code 1, like other bad input).
struct CompareCommandError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
