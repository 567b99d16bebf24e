import Foundation

/// Why a results file (a bench CSV) could not be read, or is not one ChannelBench can trust.
///
/// Every case is bad input: commands map them to exit code 1 and print `description` as one
/// line on stderr, naming the file (and line) at fault.
package enum ResultsFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist.
    case missingFile(path: String)
    /// The file exists but could not be read (permissions, a directory, not UTF-8…).
    case unreadable(path: String, reason: String)
    /// The file has no header line at all (empty, or only `#` metadata).
    case noHeader(path: String)
    /// The header lacks columns every ChannelBench bench CSV has.
    case notABenchCSV(path: String, missingColumns: [String])
    /// A data row has fewer fields than the header.
    case shortRow(path: String, line: Int, expected: Int, found: Int)
    /// A field that must be a number (or `unbounded`, or `true`/`false`) is not.
    case badValue(path: String, line: Int, column: String, value: String)
    /// A column the reader was asked for is not in the file.
    case metricNotInFile(path: String, metric: String)
    /// The file has no `complete` trailer (interrupted, or cut short) and partial files were not accepted.
    case partialFile(path: String, reason: String)
    /// A verified row without its throughput figure (empty or zero).
    case verifiedWithoutFigure(path: String, line: Int, column: String, value: String)

    package var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): no such file"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .noHeader(let path):
            return "\(path): not a ChannelBench CSV (no header line)"
        case .notABenchCSV(let path, let missing):
            return "\(path): not a ChannelBench CSV (missing columns: \(missing.joined(separator: ", ")))"
        case .shortRow(let path, let line, let expected, let found):
            return "\(path):\(line): row has \(found) fields, header has \(expected)"
        case .badValue(let path, let line, let column, let value):
            return "\(path):\(line): bad value '\(value)' in column \(column)"
        case .metricNotInFile(let path, let metric):
            return "\(path): has no column '\(metric)' to compare"
        case .partialFile(let path, let reason):
            return "\(path): \(reason); pass --accept-partial to compare it anyway"
        case .verifiedWithoutFigure(let path, let line, let column, let value):
            return "\(path):\(line): verified row has \(value.isEmpty ? "no \(column)" : "\(column) = \(value)"): a verified run always measures it"
        }
    }
}
