#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to file descriptor 2 (the C `stderr` global is not concurrency-safe in
/// Swift 6, and an unbuffered write needs no flush).
package enum StandardError {
    package static func write(_ line: String) {
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
