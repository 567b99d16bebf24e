#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Reads ChannelBench bench CSVs (the contract in the README, "Result files") for `compare`, `--sizes-from`, forks and the summary.
///
/// Tolerant where tolerance is safe, strict where a silent default would lie:
/// - `#` lines anywhere are metadata and kept; blank lines are skipped;
/// - a line equal to the header after the header is skipped, so per-run CSVs joined with `cat`
///   read as one file (each such block is remembered as one run, see `BenchCSVFile.runID`);
/// - the header must contain `requiredColumns`, otherwise the file is "not a ChannelBench CSV";
/// - a row shorter than the header is an error naming the line; extra trailing fields are ignored;
/// - the `# status:` trailer is read into `BenchCSVFile.status` (callers decide whether a
///   partial file is acceptable).
///
/// `stream` reads in chunks and hands each row over without keeping it, so compare's memory
/// does not grow with the file (a 311k-row CSV is 50 MB).
package enum BenchCSVReader {
    /// Columns compare needs to identify a configuration and trust its numbers.
    package static let requiredColumns = [
        "impl", "driver", "workload", "producers", "consumers", "capacity", "message_bytes", "verified",
    ]

    /// Reads and parses the file at `path`, keeping every row. `required` names the columns
    /// the header must have (memory and compare files have their own).
    package static func read(path: String, required: [String] = requiredColumns) throws(ResultsFileError) -> BenchCSVFile {
        var rows: [BenchCSVFile.Row] = []
        let file = try stream(path: path, required: required) { _, row throws(ResultsFileError) in rows.append(row) }
        return file.with(rows: rows)
    }

    /// Reads the file at `path` in chunks, calling `body` with each data row and a file value
    /// that knows the header (not yet all metadata, and no rows). Returns the file with all its
    /// metadata and status, without rows. `progress` gets a line now and then for big files.
    package static func stream(path: String, required: [String] = requiredColumns, progress: ((String) -> Void)? = nil,
                              _ body: (BenchCSVFile, BenchCSVFile.Row) throws(ResultsFileError) -> Void) throws(ResultsFileError) -> BenchCSVFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missingFile(path: path)
        }
        if isDirectory.boolValue { throw .unreadable(path: path, reason: "is a directory") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { Glibc.close(fd) }
        var st = stat()
        let size = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        var parser = Parser(path: path, required: required)
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var consumed = 0
        var reported = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            pending.append(contentsOf: chunk[0..<n])
            consumed += n
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                if let row = try parser.line(pending[start..<newline]) { try body(parser.file, row) }
                start = newline + 1
            }
            pending.removeFirst(start)
            // Big files only, at most every 10 %: the user should see it is not stuck.
            if let progress, size > 8 << 20, consumed * 10 / size > reported {
                reported = consumed * 10 / size
                progress("reading \(path): \(reported * 10) % (\(parser.rowCount) rows)")
            }
        }
        if !pending.isEmpty, let row = try parser.line(pending[...]) { try body(parser.file, row) }
        return try parser.finish()
    }

    /// The file's header (and the metadata above it), without reading further than the header line.
    package static func header(path: String) throws(ResultsFileError) -> BenchCSVFile {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path, reason: "cannot open") }
        defer { try? handle.close() }
        var parser = Parser(path: path)
        var pending: [UInt8] = []
        while parser.headerBytes == nil {
            let data = (try? handle.read(upToCount: 1 << 16)) ?? nil
            guard let data, !data.isEmpty else { break }
            pending += data
            var start = 0
            while parser.headerBytes == nil, let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                _ = try parser.line(pending[start..<newline])
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if parser.headerBytes == nil, !pending.isEmpty { _ = try parser.line(pending[...]) }
        return try parser.finish()
    }

    /// Parses CSV text; `path` is only used in error messages.
    package static func parse(_ text: String, path: String) throws(ResultsFileError) -> BenchCSVFile {
        var parser = Parser(path: path)
        var rows: [BenchCSVFile.Row] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            if let row = try parser.line(bytes[start..<end]) { rows.append(row) }
            start = end + 1
        }
        return try parser.finish().with(rows: rows)
    }

    /// The line-by-line state of one file.
    struct Parser {
        let path: String
        var required: [String] = BenchCSVReader.requiredColumns
        var metadataLines: [String] = []
        var headerBytes: [UInt8]? = nil
        /// Header-only file value handed to row callbacks (column lookup by name).
        var file: BenchCSVFile
        var lineNumber = 0
        var block = 0
        var rowCount = 0
        /// The last non-blank line was `# status: complete` (reset by anything after it).
        var endsComplete = false
        var interrupted: CSVTrailer.Status?
        var lastStatus: CSVTrailer.Status?

        init(path: String, required: [String] = BenchCSVReader.requiredColumns) {
            self.path = path
            self.required = required
            self.file = BenchCSVFile(path: path, metadataLines: [], header: [], rows: [])
        }

        mutating func line(_ raw: ArraySlice<UInt8>) throws(ResultsFileError) -> BenchCSVFile.Row? {
            lineNumber += 1
            var bytes = raw
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            while let b = bytes.first, b == 0x20 || b == 0x09 { bytes = bytes.dropFirst() }
            while let b = bytes.last, b == 0x20 || b == 0x09 { bytes = bytes.dropLast() }
            if bytes.isEmpty { return nil }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .unreadable(path: path, reason: "not UTF-8 text (line \(lineNumber))")
            }
            if bytes.first == UInt8(ascii: "#") {
                let content = text.dropFirst().trimmedOfCSVBlanks()
                metadataLines.append(content)
                let status = CSVTrailer.parse(metadataLine: content)
                if case .interrupted = status { interrupted = status }
                if case .complete = status { endsComplete = true; lastStatus = status } else { endsComplete = false }
                return nil
            }
            endsComplete = false
            guard let headerBytes else {
                headerBytes = Array(bytes)
                file = BenchCSVFile(path: path, metadataLines: [], header: CSVLineSplitter.fields(of: Substring(text)), rows: [])
                let missing = required.filter { !file.header.contains($0) }
                if !missing.isEmpty { throw .notABenchCSV(path: path, missingColumns: missing) }
                return nil
            }
            if bytes.elementsEqual(headerBytes) {
                block += 1
                return nil
            }
            let fields = bytes.contains(UInt8(ascii: "\"")) ? CSVLineSplitter.fields(of: Substring(text)) : Self.plainFields(bytes)
            if fields.count < file.header.count {
                throw .shortRow(path: path, line: lineNumber, expected: file.header.count, found: fields.count)
            }
            rowCount += 1
            return .init(line: lineNumber, fields: fields, block: block)
        }

        /// The fast path for a line without quotes: split on commas, trim blanks.
        static func plainFields(_ bytes: ArraySlice<UInt8>) -> [String] {
            var fields: [String] = []
            var start = bytes.startIndex
            func field(_ s: ArraySlice<UInt8>) -> String {
                var s = s
                while let b = s.first, b == 0x20 || b == 0x09 { s = s.dropFirst() }
                while let b = s.last, b == 0x20 || b == 0x09 || b == 0x0D { s = s.dropLast() }
                return String(decoding: s, as: UTF8.self)
            }
            for i in bytes.indices where bytes[i] == UInt8(ascii: ",") {
                fields.append(field(bytes[start..<i]))
                start = i + 1
            }
            fields.append(field(bytes[start...]))
            return fields
        }

        func finish() throws(ResultsFileError) -> BenchCSVFile {
            guard headerBytes != nil else { throw .noHeader(path: path) }
            let status = interrupted ?? (endsComplete ? lastStatus : nil)
            return BenchCSVFile(path: path, metadataLines: metadataLines, header: file.header, rows: [], status: status)
        }
    }
}
