import BenchModel

/// Bad input or a failed database operation: commands print `error: <description>` (one line)
/// and exit 1.
package enum HistoryError: Error, Equatable, Sendable, CustomStringConvertible {
    case database(path: String, reason: String)
    case badFile(path: String, reason: String)
    /// The reader refused the file (its description names the file and line).
    case resultsFile(ResultsFileError)
    case unknownMetric(String, known: [String])
    case noMachineClass(path: String)
    case ambiguousMachineClass([String])
    case unknownMachineClass(String, known: [String])
    case badOption(String)

    package var description: String {
        switch self {
        case .database(let path, let reason): return "history database \(path): \(reason)"
        case .badFile(let path, let reason): return "\(path): \(reason)"
        case .resultsFile(let error): return error.description
        case .unknownMetric(let name, let known): return "unknown metric '\(name)' (known: \(known.joined(separator: ", ")))"
        case .noMachineClass(let path): return "history database \(path) holds no runs (chanbench import FILE... adds some)"
        case .ambiguousMachineClass(let classes):
            return "the history holds \(classes.count) machine classes and never mixes them; choose one with --machine (\(classes.joined(separator: ", ")))"
        case .unknownMachineClass(let name, let known): return "no machine class '\(name)' in the history (known: \(known.joined(separator: ", ")))"
        case .badOption(let message): return message
        }
    }
}
