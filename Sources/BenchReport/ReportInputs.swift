import Foundation
import BenchModel

/// The result files one report is drawn from, read through the one CSV reader. Each file keeps
/// its metadata (commit, completeness), which every caption and warning quotes.
package struct ReportInputs: Sendable {
    package var bench: BenchCSVFile?
    /// `memory-summary.csv` (may be absent when only per-run files were given).
    package var memorySummary: BenchCSVFile?
    /// Per-run memory sample files (`memory-<impl>-<capacity>-<UTC>.csv`).
    package var memoryRuns: [BenchCSVFile]
    /// A `chanbench compare --format csv` output.
    package var compare: BenchCSVFile?

    package init(bench: BenchCSVFile? = nil, memorySummary: BenchCSVFile? = nil, memoryRuns: [BenchCSVFile] = [],
                 compare: BenchCSVFile? = nil) {
        self.bench = bench
        self.memorySummary = memorySummary
        self.memoryRuns = memoryRuns
        self.compare = compare
    }

    /// Columns a compare CSV must have (`chanbench compare --format csv`).
    package static let compareColumns = ["impl", "workload", "producers", "consumers", "capacity", "message_bytes",
                                         "metric", "ratio", "ci_low", "ci_high", "verdict"]

    /// Reads the given files. `memory` may name `memory-summary.csv` and per-run files in any
    /// order; when a summary is given, only the runs it lists are charted (older runs in the
    /// same folder are history, not this report). A file that is not complete (interrupted, or
    /// without its status trailer) is refused unless `acceptPartial`; then the report flags it.
    package static func load(bench: String?, memory: [String], compare: String?,
                             acceptPartial: Bool = false) throws(ReportError) -> ReportInputs {
        var inputs = ReportInputs()
        do {
            if let bench { inputs.bench = try BenchCSVReader.read(path: bench) }
            for path in memory {
                if (path as NSString).lastPathComponent == "memory-summary.csv" {
                    inputs.memorySummary = try BenchCSVReader.read(path: path, required: ["impl", "capacity", "file"])
                } else {
                    inputs.memoryRuns.append(try BenchCSVReader.read(path: path, required: ["impl", "capacity", "t_ms", "allocated_bytes"]))
                }
            }
            if let compare { inputs.compare = try BenchCSVReader.read(path: compare, required: compareColumns) }
        } catch {
            throw .input(error)
        }
        if let summary = inputs.memorySummary {
            let listed = Set(summary.rows.compactMap { summary.text("file", in: $0) }.map { ($0 as NSString).lastPathComponent })
            inputs.memoryRuns.removeAll { !listed.contains(($0.path as NSString).lastPathComponent) }
        }
        if !acceptPartial {
            let all = [inputs.bench, inputs.memorySummary, inputs.compare].compactMap { $0 } + inputs.memoryRuns
            if let partial = all.first(where: { $0.partialReason != nil }) {
                throw .partial(path: partial.path, reason: partial.partialReason!)
            }
        }
        if inputs.bench == nil, inputs.memoryRuns.isEmpty, inputs.memorySummary == nil, inputs.compare == nil {
            throw .noInput
        }
        return inputs
    }

    /// The files of `directory` a default report reads: `memory-summary.csv` and `memory-*.csv`.
    package static func memoryFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("memory-") && $0.hasSuffix(".csv") }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }
}

extension BenchCSVFile {
    /// "file.csv, 576 rows, commit 1a2b3c4d5e6f" — what every caption names. An incomplete
    /// file says so.
    package var provenance: String {
        let commit = metadata("git_commit").map { String($0.prefix(12)) } ?? "unknown"
        var text = "\((path as NSString).lastPathComponent), \(rows.count) rows, commit \(commit)"
        if partialReason != nil { text += ", INCOMPLETE" }
        return text
    }
}
