import ArgumentParser
import BenchSupport
import Foundation
import BenchReport
import BenchHistory

/// `chanbench report`: the charts and the one-page report from the result files in hand.
/// Thin: reading, aggregation, charts and rendering live in BenchReport.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Draw the charts and write report.md and a self-contained report.html.",
        discussion: """
            Reads a bench CSV (chanbench run), memory CSVs (chanbench memory) and a
            compare CSV (chanbench compare --format csv), draws with the gnuplot
            scripts in plots/ only the charts their data supports, removes charts of
            earlier reports from --out, and writes report.md and report.html there.
            Configurations that lost messages or failed a check are marked and never
            ranked. An interrupted or cut-short file is refused unless --accept-partial,
            and then flagged as incomplete in the report and in every caption.

            Defaults: --bench results/latest.csv, --memory results/memory-*.csv,
            --compare results/compare.csv (each only if it exists), --out plots/out.

            Exit codes: 0 written; 1 bad input (a named file missing or malformed,
            nothing to report), gnuplot missing or failing, or a failed write.
            """
    )

    @Option(help: "The bench CSV (default: results/latest.csv if it exists).")
    var bench: String?

    @Option(parsing: .upToNextOption, help: "Memory CSVs: per-run files and memory-summary.csv (default: results/memory-*.csv).")
    var memory: [String] = []

    @Option(help: "A compare CSV (default: results/compare.csv if it exists).")
    var compare: String?

    @Option(help: "Output folder for the charts and the report.")
    var out: String = "plots/out"

    @Option(help: "Folder of the gnuplot scripts.")
    var scripts: String = "plots"

    @Option(help: "Results history to chart: a SQLite file or a postgres:// URL (default: $CHANBENCH_HISTORY, else results/history.sqlite if it exists).")
    var history: String?

    @Flag(help: "Report interrupted or cut-short files too (flagged as incomplete in the report).")
    var acceptPartial = false

    @Flag(help: "List every chart not drawn and every file removed.")
    var verbose = false

    func run() throws {
        let exists = { (p: String) in FileManager.default.fileExists(atPath: p) }
        let explicit = bench != nil || !memory.isEmpty || compare != nil
        let benchPath = bench ?? (explicit || !exists("results/latest.csv") ? nil : "results/latest.csv")
        let memoryPaths = !memory.isEmpty || explicit ? memory : ReportInputs.memoryFiles(in: "results")
        let comparePath = compare ?? (explicit || !exists("results/compare.csv") ? nil : "results/compare.csv")
        do {
            guard GnuplotRunner.isAvailable else { throw ReportError.gnuplotMissing }
            let inputs = try ReportInputs.load(bench: benchPath, memory: memoryPaths, compare: comparePath,
                                             acceptPartial: acceptPartial)
            var builder = ReportBuilder(inputs: inputs, out: out, gnuplot: GnuplotRunner(scripts: scripts))
            if let location = ResultsStoreLocation.resolve(history, fallback: exists(SQLiteResultsStore.defaultPath) ? SQLiteResultsStore.defaultPath : nil) {
                let benchClass = inputs.bench.map { MachineFingerprint(metadata: $0.metadata).machineClass }
                builder.history = try HistoryTrends.load(ResultsStoreLocation.openExisting(location), location: location,
                                                         preferredClass: benchClass, metric: HistoryMetric(named: "ns_per_msg")) {
                    StandardError.write("report: history: \($0)")
                }
            }
            let outcome = try builder.build()
            for w in outcome.warnings { StandardError.write("warning: \(w)") }
            for plan in outcome.drawn { print("wrote \(out)/\(plan.name).png") }
            if verbose {
                for s in outcome.skipped { print("skipped \(s.name): \(s.reason)") }
                for r in outcome.removed { print("removed stale \(r)") }
            } else if !outcome.skipped.isEmpty || !outcome.removed.isEmpty {
                print("skipped \(outcome.skipped.count) chart(s) without data (\(outcome.skipped.map(\.name).joined(separator: ", ")))"
                      + (outcome.removed.isEmpty ? "" : ", removed \(outcome.removed.count) stale file(s)") + "; --verbose says why")
            }
            print("wrote \(out)/report.md and \(out)/report.html")
        } catch let error as ReportError {
            StandardError.write("error: \(error)")
            throw ExitCode(1)
        } catch let error as HistoryError {
            StandardError.write("error: \(error)")
            throw ExitCode(1)
        }
    }
}
