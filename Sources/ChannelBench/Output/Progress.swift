#if canImport(Glibc)
import Glibc
#endif

/// Progress and failure lines on stderr (stdout stays clean for the summary table):
/// `[12/96] ring mpmc p=4 c=4 cap=1024 size=64 rep 2/5`.
public struct ProgressReporter: Sendable {
    public let quiet: Bool
    /// Put before every line, e.g. `fork 3/8 ` in the child processes of a forked run.
    public let prefix: String

    public init(quiet: Bool = false, prefix: String = "") {
        self.quiet = quiet
        self.prefix = prefix
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

/// Unbuffered writes to file descriptor 2 (the C `stderr` global is not concurrency-safe in
/// Swift 6, and an unbuffered write needs no flush).
public enum StandardError {
    public static func write(_ line: String) {
        var text = line
        if !text.hasSuffix("\n") { text += "\n" }
        text.withCString { p in
            var left = strlen(p)
            var cursor = p
            while left > 0 {
                let n = Glibc.write(2, cursor, left)
                if n <= 0 { return }
                left -= n
                cursor += n
            }
        }
    }
}

/// Checked writes to file descriptor 1, for reports whose output is the product (compare's CSV
/// redirected to a file): a failed write is an error, never a silent success.
public enum StandardOutput {
    /// Writes `text`; on failure throws with the number of complete data lines written
    /// (lines after the first that are not `#` lines).
    public static func write(_ text: String) throws(CSVWriteError) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let reason = n == 0 ? "no progress" : String(cString: strerror(errno))
                let lines = bytes[..<done].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
                let rows = max(0, lines.filter { $0.first != UInt8(ascii: "#") }.count - 1)
                throw CSVWriteError(path: "standard output", reason: reason, keptRows: rows)
            }
            done += n
        }
    }
}
