import ArgumentParser
import BenchSupport
import BenchHistory

/// `chanbench import FILE...`: loads bench CSVs into the results history.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load bench CSVs into the results history (SQLite or PostgreSQL), once each.",
        discussion: """
            Each file is one run: its rows (warmups left out) with its commit, date and machine \
            fingerprint (CPU model, cores, kernel, Swift version, build) from its '#' lines. \
            Importing a file again adds nothing (runs are keyed on the file's content hash). \
            Files joining runs of several commits, without a commit or date, or without a \
            '# status: complete' trailer (unless --accept-partial) are refused.
            Exit status: 0 every file imported or already there; 1 bad input (nothing of that \
            file is stored; the files before it are).
            """
    )

    @Argument(help: "Bench CSVs written by chanbench run, or memory-summary.csv files written by chanbench memory.")
    var files: [String]

    @Option(help: "The history database: a SQLite file or a postgres:// URL (default: $CHANBENCH_HISTORY, else \(SQLiteResultsStore.defaultPath)).")
    var db: String?

    @Flag(name: .customLong("accept-partial"), help: "Import files of interrupted or cut-short runs too.")
    var acceptPartial = false

    func run() throws {
        do {
            let store = try ResultsStoreLocation.open(ResultsStoreLocation.resolve(db, fallback: SQLiteResultsStore.defaultPath))
            for file in files {
                let outcome = try HistoryImporter.importFile(file, into: store, acceptPartial: acceptPartial)
                print(outcome.added ? "imported \(file): \(outcome.measurements) rows, machine class \(outcome.machineClass)"
                                    : "already in the history: \(file)")
            }
        } catch {
            // Only HistoryError reaches here: the store and importer throw nothing else.
            StandardError.write("error: \(error)")
            throw ExitCode(1)
        }
    }
}

extension ImportCommand {
    /// What `run` and `memory` do when they end: append their CSV to the history at `db` (a
    /// SQLite path or a PostgreSQL URL), one line on stderr either way; a failed write is an
    /// `error:` line and exit 1 (the CSV itself is kept).
    static func record(_ csv: String, db: String) throws {
        do {
            let outcome = try HistoryImporter.importFile(csv, into: ResultsStoreLocation.open(db))
            StandardError.write("history: \(outcome.added ? "appended" : "already had") \(csv) to \(ResultsStoreLocation.redacted(db)) (machine class \(outcome.machineClass))")
        } catch {
            StandardError.write("error: history: \(error)")
            throw ExitCode(1)
        }
    }
}
