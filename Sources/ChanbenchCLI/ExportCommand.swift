import ArgumentParser
import BenchSupport
import Foundation
import BenchModel
import BenchExport

/// `chanbench export`: a bench CSV as the JSON another tool reads.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a bench CSV for github-action-benchmark, JMH tools or Bencher.",
        discussion: """
            Formats: github-action (github-action-benchmark's customSmallerIsBetter entries: \
            name/unit/value/range/extra), jmh (JMH's JSON result file) and bmf (Bencher Metric \
            Format). Each configuration's verified measured repetitions are summarised by their \
            median (min and max as the range) for ns_per_msg, allocs_per_msg and the p50/p99 \
            latency; failed rows and warmups are left out, and a configuration with no verified \
            row is named on stderr and left out. A partial CSV (interrupted, no '# status: \
            complete' trailer) is refused. The JSON goes to --out (written to a temporary file \
            and renamed) or stdout.
            Exit status: 0 written; 1 bad input or a failed write.
            """
    )

    @Option(help: "github-action, jmh or bmf.")
    var format: String

    @Option(help: "The bench CSV to export (e.g. results/latest.csv).")
    var bench: String

    @Option(help: "Write the JSON here (replacing it) instead of stdout.")
    var out: String?

    func run() throws {
        do {
            guard let format = ExportFormat(rawValue: format.lowercased()) else {
                throw ExportError.unknownFormat(format)
            }
            let exporter = try BenchExporter(file: BenchCSVReader.read(path: bench))
            for name in exporter.skipped { StandardError.write("note: \(name): no verified measured row; not exported") }
            let json = exporter.render(format)
            if let out {
                do {
                    try Data(json.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
                } catch {
                    throw ExportError.unwritable(path: out, reason: error.localizedDescription)
                }
                StandardError.write("wrote \(exporter.configurations.count) configuration(s) as \(format.rawValue) to \(out)")
            } else {
                try StandardOutput.write(json)
            }
        } catch {
            // Only bad input (ResultsFileError, ExportError) and failed writes (CSVWriteError)
            // are thrown above, each described in one line.
            StandardError.write("error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// Bad input to `export` that is not the CSV's.
enum ExportError: Error, CustomStringConvertible {
    case unknownFormat(String)
    case unwritable(path: String, reason: String)

    var description: String {
        switch self {
        case .unknownFormat(let name):
            "unknown --format '\(name)'; use one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
