#if canImport(Glibc)
import Glibc
#endif

import BenchSupport

/// Checked writes to file descriptor 1, for reports whose output is the product (compare's CSV
/// redirected to a file): a failed write is an error, never a silent success.
package enum StandardOutput {
    /// Writes `text`; on failure throws with the number of complete data lines written
    /// (lines after the first that are not `#` lines).
    package static func write(_ text: String) throws(CSVWriteError) {
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
