import BenchModel

/// Why `chanbench compare` could not produce a comparison.
///
/// Every case is *bad input*: the command maps all of them to exit code 1 and prints
/// `description` as a single line on stderr, so the message names the file (and line) at fault.
package enum CompareError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One of the files could not be read or trusted.
    case file(ResultsFileError)
    /// `--metric` names something compare does not know the direction of.
    case unknownMetric(String, known: [String])
    /// `--threshold` could not be understood.
    case badThreshold(String)
    /// `--confidence` outside (0, 1).
    case badConfidence(String)
    /// The two files share no configuration, so there is nothing to compare.
    case noOverlap(basePath: String, newPath: String)
    /// Not one verified measurement of the metric in the file.
    case noUsableFigures(path: String, metric: String)

    package var description: String {
        switch self {
        case .file(let error):
            return error.description
        case .unknownMetric(let metric, let known):
            return "unknown metric '\(metric)' (known: \(known.joined(separator: ", ")))"
        case .badThreshold(let text):
            return "bad threshold '\(text)' (use a percentage like 5% or a factor like 3x)"
        case .badConfidence(let text):
            return "bad confidence '\(text)' (use a level between 50% and 99.9%, e.g. 95%)"
        case .noOverlap(let basePath, let newPath):
            return "\(basePath) and \(newPath) have no configuration in common"
        case .noUsableFigures(let path, let metric):
            return "\(path): no verified row has a \(metric) figure: nothing to compare"
        }
    }
}
