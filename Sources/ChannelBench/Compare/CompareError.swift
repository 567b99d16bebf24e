/// Why `chanbench compare` could not produce a comparison.
///
/// Every case is *bad input*: the command maps all of them to exit code 1 and prints
/// `description` as a single line on stderr, so the message names the file (and line) at fault.
public enum CompareError: Error, Equatable, Sendable, CustomStringConvertible {
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
    /// The requested metric is not a column of one of the files.
    case metricNotInFile(path: String, metric: String)
    /// `--metric` names something compare does not know the direction of.
    case unknownMetric(String, known: [String])
    /// `--threshold` could not be understood.
    case badThreshold(String)
    /// `--confidence` outside (0, 1).
    case badConfidence(String)
    /// The two files share no configuration, so there is nothing to compare.
    case noOverlap(basePath: String, newPath: String)
    /// The file has no `complete` trailer (interrupted, or cut short) and partial files were not accepted.
    case partialFile(path: String, reason: String)
    /// A verified row without its throughput figure (empty or zero).
    case verifiedWithoutFigure(path: String, line: Int, column: String, value: String)
    /// Not one verified measurement of the metric in the file.
    case noUsableFigures(path: String, metric: String)

    public var description: String {
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
        case .unknownMetric(let metric, let known):
            return "unknown metric '\(metric)' (known: \(known.joined(separator: ", ")))"
        case .badThreshold(let text):
            return "bad threshold '\(text)' (use a percentage like 5% or a factor like 3x)"
        case .badConfidence(let text):
            return "bad confidence '\(text)' (use a level between 50% and 99.9%, e.g. 95%)"
        case .noOverlap(let basePath, let newPath):
            return "\(basePath) and \(newPath) have no configuration in common"
        case .partialFile(let path, let reason):
            return "\(path): \(reason); pass --accept-partial to compare it anyway"
        case .verifiedWithoutFigure(let path, let line, let column, let value):
            return "\(path):\(line): verified row has \(value.isEmpty ? "no \(column)" : "\(column) = \(value)"): a verified run always measures it"
        case .noUsableFigures(let path, let metric):
            return "\(path): no verified row has a \(metric) figure: nothing to compare"
        }
    }
}
