import Channels

/// A bench CSV as read from disk: its `#` metadata, its header and its data rows, untouched.
///
/// Columns are looked up by header *name*, never by position, so files with extra columns after
/// `verified` (or reordered by a user's script) still read correctly. Values stay strings here;
/// the typed accessors parse on demand and report the file and 1-based line of a bad value.
package struct BenchCSVFile: Sendable {
    /// One data row with the line it came from, for error messages.
    package struct Row: Sendable {
        package let line: Int
        package let fields: [String]
        /// 0-based count of header lines seen before this row, minus one: files joined with
        /// `cat` repeat their header, so each block is one `chanbench run` invocation.
        package let block: Int
    }

    /// Where the file was read from (as given by the user, for messages).
    package let path: String
    /// Every `#` line in file order, without the leading `#` and surrounding spaces.
    package let metadataLines: [String]
    /// `# key: value` lines as key/value pairs, in file order. A key may repeat when files were
    /// concatenated (the A/B script joins several runs); `metadata(_:)` returns the first.
    package let metadata: [(key: String, value: String)]
    /// Column names from the header line.
    package let header: [String]
    /// The data rows, in file order (empty when the file was streamed).
    package let rows: [Row]
    /// What the `# status:` trailer says: `nil` when the file has none at its end (cut short
    /// by kill -9 or a full disk); `.interrupted` when any block of it was interrupted.
    package let status: CSVTrailer.Status?

    private let columnIndex: [String: Int]

    init(path: String, metadataLines: [String], header: [String], rows: [Row], status: CSVTrailer.Status? = nil) {
        self.path = path
        self.status = status
        self.metadataLines = metadataLines
        self.metadata = metadataLines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = line[..<colon].trimmedOfCSVBlanks()
            let value = line[line.index(after: colon)...].trimmedOfCSVBlanks()
            return key.isEmpty || key.contains(" ") ? nil : (key, value)
        }
        self.header = header
        self.rows = rows
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
        self.columnIndex = index
    }

    /// The same file with `rows`.
    func with(rows: [Row]) -> BenchCSVFile {
        BenchCSVFile(path: path, metadataLines: metadataLines, header: header, rows: rows, status: status)
    }

    /// Whether the file says it is complete; otherwise the one-line reason it is not.
    package var partialReason: String? {
        switch status {
        case .complete: return nil
        case .interrupted(let n): return "the run was interrupted (kept \(n) rows)"
        case nil: return "no '# status: complete' trailer: the run was cut short (killed, or the disk filled up)"
        }
    }

    /// The first metadata value recorded under `key` (e.g. `git_commit`), if any.
    package func metadata(_ key: String) -> String? {
        metadata.first { $0.key == key }?.value
    }

    /// All distinct values recorded under `key`, in order of first appearance.
    package func metadataValues(_ key: String) -> [String] {
        var seen: [String] = []
        for entry in metadata where entry.key == key && !seen.contains(entry.value) {
            seen.append(entry.value)
        }
        return seen
    }

    /// Which process measured `row`: the run — the `ab_round` column when present (the A/B
    /// script writes it when it joins runs), else the header block the row sits in — and, in a
    /// `--forks N` run, the `fork` column. Repetitions of one process share its state (heap
    /// layout, thread-pool placement, the machine's load at that moment), so compare treats the
    /// process as the unit of evidence when each side has several.
    package func runID(of row: Row) -> String {
        var id: String
        if let round = text("ab_round", in: row), !round.isEmpty { id = "round " + round } else { id = "block \(row.block)" }
        if let fork = text("fork", in: row), !fork.isEmpty { id += " fork " + fork }
        return id
    }

    /// The message count each configuration was measured with (its measured rows; warmup rows,
    /// repetition 0, run a quarter of it). What `chanbench run --sizes-from` reuses.
    package static func messageCounts(of file: BenchCSVFile) throws(ResultsFileError) -> [BenchConfigurationKey: Int] {
        var counts: [BenchConfigurationKey: Int] = [:]
        for row in file.rows {
            guard file.text("repetition", in: row) != "0", let text = file.text("messages", in: row),
                  let n = Int(text), n > 0 else { continue }
            var key = try BenchConfigurationKey(row: row, of: file, work: ["rate_msgs_per_sec", "mode"])
            // Files written before the modes existed measured what latency mode measures.
            if !file.hasColumn("mode") { key.mode = MeasurementMode.latency.rawValue }
            counts[key] = n
        }
        return counts
    }

    /// Whether the header has a column called `name`.
    package func hasColumn(_ name: String) -> Bool { columnIndex[name] != nil }

    /// The raw (trimmed) text of `column` in `row`; `nil` when the file has no such column.
    package func text(_ column: String, in row: Row) -> String? {
        guard let i = columnIndex[column], i < row.fields.count else { return nil }
        return row.fields[i]
    }

    /// The non-empty text of a required column.
    func requiredText(_ column: String, in row: Row) throws(ResultsFileError) -> String {
        guard let value = text(column, in: row), !value.isEmpty else {
            throw .badValue(path: path, line: row.line, column: column, value: "")
        }
        return value
    }

    /// A non-negative integer column (producers, consumers, message_bytes).
    func count(_ column: String, in row: Row) throws(ResultsFileError) -> Int {
        let value = try requiredText(column, in: row)
        guard let n = Int(value), n >= 0 else {
            throw .badValue(path: path, line: row.line, column: column, value: value)
        }
        return n
    }

    /// The `capacity` column: a non-negative number or `unbounded`.
    func capacity(in row: Row) throws(ResultsFileError) -> ChannelCapacity {
        let value = try requiredText("capacity", in: row)
        guard let capacity = ChannelCapacity(parsing: value) else {
            throw .badValue(path: path, line: row.line, column: "capacity", value: value)
        }
        return capacity
    }

    /// The `verified` column: `true` or `false` (any case).
    package func verified(in row: Row) throws(ResultsFileError) -> Bool {
        let value = try requiredText("verified", in: row)
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .badValue(path: path, line: row.line, column: "verified", value: value)
        }
    }

    /// A finite, non-negative measurement; `nil` when the field is empty (not measured, e.g.
    /// latency on a failed run). Text that is not such a number is an error, not a silent gap.
    package func measurement(_ column: String, in row: Row) throws(ResultsFileError) -> Double? {
        guard let value = text(column, in: row) else { return nil }
        if value.isEmpty { return nil }
        guard let x = Double(value), x.isFinite, x >= 0 else {
            throw .badValue(path: path, line: row.line, column: column, value: value)
        }
        return x
    }
}

extension Substring {
    func trimmedOfCSVBlanks() -> String {
        var s = self
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" || s.last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
