#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Writes a ChannelBench CSV: the `#` metadata lines, one header line, then rows — each row
/// written *and flushed* as soon as it is given, so an interrupted or crashed run leaves a
/// valid file of every finished row. Optionally mirrors everything into further files (the
/// `results/latest.csv` copy), which are equally valid mid-run.
///
/// `exclusive` refuses to replace an existing file (result files are never overwritten).
/// Not thread-safe: one writer per thread.
public final class CSVWriter {
    private var files: [UnsafeMutablePointer<FILE>] = []
    public let paths: [String]
    public let columns: [String]

    /// Opens (creating parent directories) `path` and every `mirrors` path and writes the
    /// metadata and header. Throws ``BenchInputError/unwritableOutput(path:reason:)``.
    public init(path: String, metadata: RunMetadata, columns: [String], mirrors: [String] = [],
                exclusive: Bool) throws(BenchInputError) {
        self.paths = [path] + mirrors
        self.columns = columns
        for (i, p) in paths.enumerated() {
            let dir = (p as NSString).deletingLastPathComponent
            if !dir.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                } catch {
                    closeAll()
                    throw .unwritableOutput(path: p, reason: "cannot create directory \(dir)")
                }
            }
            guard let f = fopen(p, exclusive && i == 0 ? "wx" : "w") else {
                let reason = String(cString: strerror(errno))
                closeAll()
                throw .unwritableOutput(path: p, reason: reason)
            }
            files.append(f)
        }
        for line in metadata.lines { writeLine(line) }
        writeLine(columns.joined(separator: ","))
        flush()
    }

    deinit { closeAll() }

    /// Writes one row (escaped as needed) and flushes it to the OS.
    public func write(row fields: [String]) {
        precondition(fields.count == columns.count, "row has \(fields.count) fields, header \(columns.count)")
        writeLine(fields.map(CSVWriter.escape).joined(separator: ","))
        flush()
    }

    /// Flushes and closes every file.
    public func close() { closeAll() }

    /// Quotes a field containing a comma, quote or newline (RFC 4180).
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func writeLine(_ line: String) {
        for f in files { fputs(line + "\n", f) }
    }

    private func flush() {
        for f in files { fflush(f) }
    }

    private func closeAll() {
        for f in files { fclose(f) }
        files = []
    }
}
