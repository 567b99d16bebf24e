import BenchModel

/// Why `chanbench report` could not do what it was asked: one line for `error:`.
package enum ReportError: Error, CustomStringConvertible, Sendable {
    case input(ResultsFileError)
    case noInput
    case partial(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case gnuplotMissing
    case gnuplotFailed(chart: String, message: String)

    package var description: String {
        switch self {
        case .input(let e): return "\(e)"
        case .noInput: return "nothing to report: no bench CSV, memory CSV or compare CSV was found (run 'make bench' first, or pass --bench FILE)"
        case .partial(let path, let reason): return "\(path): \(reason); pass --accept-partial to report it anyway (flagged as incomplete)"
        case .unwritable(let path, let reason): return "cannot write \(path): \(reason)"
        case .gnuplotMissing: return "gnuplot not found; install it with: apt-get install -y gnuplot-nox (or run 'make deps')"
        case .gnuplotFailed(let chart, let message): return "gnuplot failed on the \(chart) chart: \(message)"
        }
    }
}
