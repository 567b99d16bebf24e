#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A write, flush, close or rename that failed: the run reports it as
/// `error: writing <path>: <reason> (kept N complete rows)` and exits non-zero, instead of
/// claiming rows it never stored (ENOSPC, EIO, /dev/full).
public struct CSVWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    /// Complete data rows left in the file (a half-written row is cut off).
    public let keptRows: Int

    public init(path: String, reason: String, keptRows: Int) {
        self.path = path
        self.reason = reason
        self.keptRows = keptRows
    }

    public var description: String { "writing \(path): \(reason) (kept \(keptRows) complete rows)" }
}

/// The last line of every CSV ChannelBench writes: `# status: complete rows=N` when the writer
/// finished, `# status: interrupted rows=N` when a signal (or a stuck run) stopped it. A file
/// without it was cut short by something no handler sees (kill -9, power loss, a full disk),
/// so readers can tell a finished file from a partial one.
package enum CSVTrailer {
    package enum Status: Equatable, Sendable {
        case complete(rows: Int)
        case interrupted(rows: Int)
    }

    package static func line(_ status: Status) -> String {
        switch status {
        case .complete(let n): return "# status: complete rows=\(n)"
        case .interrupted(let n): return "# status: interrupted rows=\(n)"
        }
    }

    /// Parses a metadata line as stored by the readers (without `#`): `status: complete rows=N`.
    package static func parse(metadataLine: String) -> Status? {
        let parts = metadataLine.split(separator: " ")
        guard parts.count == 3, parts[0] == "status:", parts[2].hasPrefix("rows="),
              let n = Int(parts[2].dropFirst(5)), n >= 0 else { return nil }
        switch parts[1] {
        case "complete": return .complete(rows: n)
        case "interrupted": return .interrupted(rows: n)
        default: return nil
        }
    }
}

/// Writes a ChannelBench CSV: the `#` metadata lines, one header line, rows, and a status
/// trailer (``CSVTrailer``).
///
/// Every write is checked and each row is flushed to the OS as it is given, so a crashed run
/// leaves every finished row. A path that already exists is never written in place: the rows
/// go to a hidden temporary file in the same folder, renamed over it by `finish`, so a
/// concurrent reader (or a second run writing the same `latest.csv`) only ever sees whole
/// files. An `exclusive` path is new by construction and is written in place. Mirrors (the
/// `latest.csv` copy) are always temporary until `finish`. Character devices and FIFOs
/// (`/dev/stdout`, `/dev/full`) are written directly: they cannot be renamed over.
///
/// Thread-safe: an interrupt handler may `finish` it while the run thread writes.
package final class CSVWriter: @unchecked Sendable {
    private struct Target {
        let path: String
        /// Where the bytes go until `finish`; `nil` when written in place.
        let temporary: String?
        var fd: Int32
        /// File length after the last complete line: a failed write is cut back to it.
        var length = 0
    }

    private let lock = NSLock()
    private var targets: [Target] = []
    private var rowCount = 0
    private var finished = false
    private var failure: CSVWriteError?
    package let paths: [String]
    package let columns: [String]

    /// Opens (creating parent directories) `path` and every `mirrors` path and writes the
    /// metadata and header. Throws ``BenchInputError/unwritableOutput(path:reason:)``.
    package init(path: String, metadata: RunMetadata, columns: [String], mirrors: [String] = [],
                exclusive: Bool) throws(BenchInputError) {
        self.paths = [path] + mirrors
        self.columns = columns
        for (i, p) in paths.enumerated() {
            let dir = (p as NSString).deletingLastPathComponent
            if !dir.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                } catch {
                    abandon()
                    throw .unwritableOutput(path: p, reason: "cannot create directory \(dir)")
                }
            }
            do {
                targets.append(try Self.open(p, exclusive: exclusive && i == 0))
            } catch {
                abandon()
                throw error
            }
        }
        do {
            try append(metadata.lines + [columns.joined(separator: ",")])
        } catch {
            abandon()
            throw .writeFailed(error)
        }
    }

    deinit { abandon() }

    /// Opens a file that did not exist, named by `named` (asked again after each name another
    /// process created first: runs started together pick the same timestamp, the exclusive
    /// create decides and the loser steps to the next free name).
    package static func createNew(named: () -> String, metadata: RunMetadata, columns: [String],
                                 mirrors: [String] = []) throws(BenchInputError) -> CSVWriter {
        var attempt = 0
        while true {
            do {
                return try CSVWriter(path: named(), metadata: metadata, columns: columns, mirrors: mirrors, exclusive: true)
            } catch .unwritableOutput(_, let reason) where reason == Self.reason(EEXIST) && attempt < 100 {
                attempt += 1
            }
        }
    }

    /// Complete data rows written so far.
    package var rowsWritten: Int { lock.withLock { rowCount } }

    /// Writes one row (escaped as needed) and flushes it to the OS. After `finish` (an
    /// interrupt finished the file) rows are dropped: the trailer has counted what was kept.
    package func write(row fields: [String]) throws(CSVWriteError) {
        precondition(fields.count == columns.count, "row has \(fields.count) fields, header \(columns.count)")
        let line = fields.map(CSVWriter.escape).joined(separator: ",")
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        try append([line])
        rowCount += 1
    }

    /// Writes the trailer, syncs, closes and renames every temporary file into place. Only the
    /// first call does anything. On a failed write the file keeps its complete rows (no
    /// trailer, so readers treat it as partial) and the error says how many.
    package func finish(complete: Bool = true) throws(CSVWriteError) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else {
            if let failure { throw failure }
            return
        }
        do {
            finished = true
            if failure == nil {
                let n = rowCount
                try? append([CSVTrailer.line(complete ? .complete(rows: n) : .interrupted(rows: n))])
            }
            for i in targets.indices {
                let t = targets[i]
                // fsync makes the rename atomic across a crash; devices and pipes cannot sync.
                if fsync(t.fd) != 0 && errno != EINVAL && errno != EROFS && failure == nil {
                    failure = CSVWriteError(path: t.path, reason: Self.reason(errno), keptRows: rowCount)
                }
                if Glibc.close(t.fd) != 0 && failure == nil {
                    failure = CSVWriteError(path: t.path, reason: Self.reason(errno), keptRows: rowCount)
                }
                targets[i].fd = -1
                if let tmp = t.temporary, rename(tmp, t.path) != 0 {
                    if failure == nil {
                        failure = CSVWriteError(path: t.path, reason: "cannot rename \(tmp) into place: \(Self.reason(errno))",
                                                keptRows: 0)
                    }
                    unlink(tmp)
                }
            }
            if let failure { throw failure }
        }
    }

    /// Finishes a complete file (what every caller does at the end).
    package func close() throws(CSVWriteError) { try finish(complete: true) }

    /// Quotes a field containing a comma, quote or newline (RFC 4180).
    package static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The hidden temporary name used for `path` by this process.
    static func temporaryPath(for path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        let name = ".\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        return dir.isEmpty ? name : "\(dir)/\(name)"
    }

    /// Removes the temporary files of `path` whose writer process is gone (killed with SIGKILL,
    /// which no handler sees), so they do not pile up beside `latest.csv`.
    static func removeAbandonedTemporaries(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let prefix = ".\((path as NSString).lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            guard let pid = name.dropFirst(prefix.count).split(separator: ".").first.flatMap({ pid_t($0) }),
                  kill(pid, 0) != 0 && errno == ESRCH else { continue }
            unlink(dir.isEmpty ? name : "\(dir)/\(name)")
        }
    }

    private static func open(_ path: String, exclusive: Bool) throws(BenchInputError) -> Target {
        var st = stat()
        let exists = stat(path, &st) == 0
        let special = exists && (st.st_mode & S_IFMT) != S_IFREG
        if exclusive || special {
            let flags = special ? O_WRONLY | O_CLOEXEC : O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC
            let fd = Glibc.open(path, flags, 0o644)
            if fd < 0 { throw .unwritableOutput(path: path, reason: reason(errno)) }
            return Target(path: path, temporary: nil, fd: fd)
        }
        removeAbandonedTemporaries(of: path)
        let tmp = temporaryPath(for: path)
        let fd = Glibc.open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw .unwritableOutput(path: path, reason: reason(errno)) }
        return Target(path: path, temporary: tmp, fd: fd)
    }

    /// Writes whole lines to every target; a short or failed write cuts the file back to its
    /// last complete line and records the failure. Caller holds the lock (or is `init`).
    private func append(_ lines: [String]) throws(CSVWriteError) {
        if let failure { throw failure }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        for i in targets.indices {
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(targets[i].fd, $0.baseAddress! + done, $0.count - done) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    let why = n == 0 ? "no progress" : Self.reason(errno)
                    _ = ftruncate(targets[i].fd, off_t(targets[i].length))
                    let error = CSVWriteError(path: targets[i].path, reason: why, keptRows: rowCount)
                    failure = error
                    throw error
                }
                done += n
            }
            targets[i].length += bytes.count
        }
    }

    /// Closes without finishing (a failed `init`, or a writer dropped unfinished): temporary
    /// files go, an in-place file keeps its rows without a trailer.
    private func abandon() {
        for t in targets where t.fd >= 0 {
            Glibc.close(t.fd)
            if let tmp = t.temporary { unlink(tmp) }
        }
        targets = []
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
