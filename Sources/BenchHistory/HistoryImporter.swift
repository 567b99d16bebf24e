import Foundation
import BenchSupport
import BenchModel

/// Loads bench CSVs, and memory summaries (``HistoryMemoryRows``), into a ``ResultsStore``
/// through the one reader (``BenchCSVReader``).
///
/// Idempotent: a run is keyed on the hash of the file's text, so importing a file twice, or
/// `latest.csv` and the timestamped file it mirrors, adds it once. Warmup rows (repetition 0)
/// are not measurements and are left out.
package enum HistoryImporter {
    /// What one file contributed.
    package struct Outcome: Sendable, Equatable {
        package var path: String
        /// `false` when the store had the run already.
        package var added: Bool
        package var measurements: Int
        package var machineClass: String
    }

    /// Reads `path` and records it. A file whose status trailer says it is incomplete is
    /// refused unless `acceptPartial`; a file joining runs of several commits (the A/B script's
    /// output) is refused, since one run has one commit.
    package static func importFile(_ path: String, into store: any ResultsStore,
                                   acceptPartial: Bool = false) throws(HistoryError) -> Outcome {
        let run = try storedRun(path: path, acceptPartial: acceptPartial)
        let added = try store.record(run)
        return Outcome(path: path, added: added, measurements: run.measurements.count, machineClass: run.machine.machineClass)
    }

    /// The run a bench CSV records, without touching a store.
    package static func storedRun(path: String, acceptPartial: Bool = false) throws(HistoryError) -> StoredRun {
        let file: BenchCSVFile
        let text: String
        do {
            // Any CSV the reader accepts; then a memory summary, or a bench CSV with its columns.
            file = try BenchCSVReader.read(path: path, required: [])
            if !HistoryMemoryRows.isSummary(file) {
                let missing = BenchCSVReader.requiredColumns.filter { !file.hasColumn($0) }
                if !missing.isEmpty { throw ResultsFileError.notABenchCSV(path: path, missingColumns: missing) }
            }
            // The reader accepted the file, so it is UTF-8 text.
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch let error as ResultsFileError {
            throw .resultsFile(error)
        } catch {
            throw .badFile(path: path, reason: "\(error)")
        }
        if !acceptPartial, let reason = file.partialReason {
            throw .badFile(path: path, reason: "\(reason); import it anyway with --accept-partial")
        }
        let commits = file.metadataValues("git_commit")
        if commits.count > 1 {
            throw .badFile(path: path, reason: "joins runs of \(commits.count) commits (\(commits.joined(separator: ", "))); import each run's own file")
        }
        guard let commit = commits.first, commit != "unknown" else {
            throw .badFile(path: path, reason: "no '# git_commit:' line: a run without its commit has no place in the history")
        }
        guard let date = file.metadata("date") else {
            throw .badFile(path: path, reason: "no '# date:' line: a run without its date has no place in the history")
        }
        let measurements: [StoredMeasurement]
        do {
            measurements = try HistoryMemoryRows.isSummary(file) ? HistoryMemoryRows.rows(of: file) : rows(of: file)
        } catch {
            throw .resultsFile(error)
        }
        let status: String
        switch file.status {
        case .complete: status = "complete"
        case .interrupted: status = "interrupted"
        case nil: status = "partial"
        }
        return StoredRun(contentHash: String(SeededGenerator.stableHash(text), radix: 16), source: path, commit: commit,
                         date: date, machine: MachineFingerprint(metadata: file.metadata), command: file.metadata("command") ?? "",
                         parameters: file.metadata("parameters") ?? "", status: status, measurements: measurements)
    }

    /// Every measured row, keyed as compare keys it (the work columns the file has).
    static func rows(of file: BenchCSVFile) throws(ResultsFileError) -> [StoredMeasurement] {
        let work = Set(BenchConfigurationKey.workColumns.filter(file.hasColumn))
        var out: [StoredMeasurement] = []
        for row in file.rows {
            let repetition = Int(file.text("repetition", in: row) ?? "") ?? 1
            if repetition == 0 { continue }
            var key = try BenchConfigurationKey(row: row, of: file, work: work)
            // Files written before the modes existed measured what latency mode measures.
            if !file.hasColumn("mode") { key.mode = MeasurementMode.latency.rawValue }
            var metrics: [String: Double] = [:]
            for column in StoredMeasurement.metricColumns {
                if let value = try file.measurement(column, in: row) { metrics[column] = value }
            }
            out.append(StoredMeasurement(configuration: key, process: file.runID(of: row), repetition: repetition,
                                         verified: try file.verified(in: row), metrics: metrics))
        }
        return out
    }
}
