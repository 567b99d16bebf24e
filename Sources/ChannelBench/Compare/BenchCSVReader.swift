import Foundation

/// Reads ChannelBench bench CSVs (the contract in COMMON.md / README) for `compare`.
///
/// Tolerant where tolerance is safe, strict where a silent default would lie:
/// - `#` lines anywhere are metadata and kept; blank lines are skipped;
/// - a line equal to the header after the header is skipped, so per-run CSVs joined with `cat`
///   read as one file (each such block is remembered as one run, see `BenchCSVFile.runID`);
/// - the header must contain `requiredColumns`, otherwise the file is "not a ChannelBench CSV";
/// - a row shorter than the header is an error naming the line; extra trailing fields are ignored.
public enum BenchCSVReader {
    /// Columns compare needs to identify a configuration and trust its numbers.
    public static let requiredColumns = [
        "impl", "driver", "workload", "producers", "consumers", "capacity", "message_bytes", "verified",
    ]

    /// Reads and parses the file at `path`.
    public static func read(path: String) throws(CompareError) -> BenchCSVFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missingFile(path: path)
        }
        if isDirectory.boolValue { throw .unreadable(path: path, reason: "is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses CSV text; `path` is only used in error messages.
    public static func parse(_ text: String, path: String) throws(CompareError) -> BenchCSVFile {
        var metadataLines: [String] = []
        var header: [String]? = nil
        var headerLine = ""
        var rows: [BenchCSVFile.Row] = []
        var lineNumber = 0
        var block = 0
        // "\r\n" is a single Character in Swift, so CRLF files need it named explicitly.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
            let content = line.trimmedOfCSVBlanks()
            if content.isEmpty { continue }
            if content.hasPrefix("#") {
                metadataLines.append(content.dropFirst().trimmedOfCSVBlanks())
                continue
            }
            guard let columns = header else {
                header = CSVLineSplitter.fields(of: line)
                headerLine = content
                continue
            }
            if content == headerLine {
                block += 1
                continue
            }
            let fields = CSVLineSplitter.fields(of: line)
            if fields.count < columns.count {
                throw .shortRow(path: path, line: lineNumber, expected: columns.count, found: fields.count)
            }
            rows.append(.init(line: lineNumber, fields: fields, block: block))
        }
        guard let header else { throw .noHeader(path: path) }
        let missing = requiredColumns.filter { !header.contains($0) }
        if !missing.isEmpty { throw .notABenchCSV(path: path, missingColumns: missing) }
        return BenchCSVFile(path: path, metadataLines: metadataLines, header: header, rows: rows)
    }
}
