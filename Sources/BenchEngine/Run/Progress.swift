#if canImport(Glibc)
import Glibc
#endif
import BenchSupport
import BenchModel

/// Progress and failure lines on stderr (stdout stays clean for the summary table):
/// `[12/96] ring mpmc p=4 c=4 cap=1024 size=64 rep 2/5`.
public struct ProgressReporter: Sendable {
    public let quiet: Bool
    /// Put before every line, e.g. `fork 3/8 ` in the child processes of a forked run.
    public let prefix: String
    /// List every skipped combination instead of one line per reason.
    public let verbose: Bool

    public init(quiet: Bool = false, prefix: String = "", verbose: Bool = false) {
        self.quiet = quiet
        self.prefix = prefix
        self.verbose = verbose
    }

    public func runStarted(step: Int, of total: Int, configuration: RunConfiguration, label: String) {
        if !quiet { note("[\(step)/\(total)] \(configuration) \(label)") }
    }

    /// Always printed, even when quiet: which implementation, workload and invariant failed.
    public func runFailed(_ r: RunResult) {
        let c = r.configuration
        note("FAILED \(c.implementation.name) \(c.workload) p=\(c.producers) c=\(c.consumers) cap=\(c.capacity) size=\(c.messageBytes): \(r.failure ?? "?")")
    }

    /// One line on stderr, flushed.
    public func note(_ line: String) {
        StandardError.write(prefix + line)
    }
}
