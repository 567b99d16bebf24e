import BenchSupport
import BenchModel
import Channels

/// The stdout summary: one line per implementation × workload (× producers/consumers and
/// message size when they vary), one column per capacity, each cell the median ns/msg of the
/// verified repetitions — `FAIL` if any repetition of that cell failed. A reader needs no
/// chart to see the ranking. A cell measured in throughput mode shows only those rows: the
/// latency-mode rows of the same configuration carry the clock's cost too.
package enum SummaryTable {
    /// One repetition as the table sees it: where it goes, and its ns/msg (`nil` = failed).
    package struct Entry: Sendable {
        package var impl: String
        package var workload: String
        package var producers: Int
        package var consumers: Int
        package var messageBytes: Int
        package var rate: Int?
        package var capacity: ChannelCapacity
        package var nanosecondsPerMessage: Double?
        /// The CSV `mode` ("" = not recorded).
        package var mode: String

        package init(impl: String, workload: String, producers: Int, consumers: Int, messageBytes: Int, rate: Int?,
                    capacity: ChannelCapacity, nanosecondsPerMessage: Double?, mode: String = "") {
            self.mode = mode
            self.impl = impl
            self.workload = workload
            self.producers = producers
            self.consumers = consumers
            self.messageBytes = messageBytes
            self.rate = rate
            self.capacity = capacity
            self.nanosecondsPerMessage = nanosecondsPerMessage
        }

        package init(_ r: RunResult) {
            let c = r.configuration
            self.init(impl: c.implementation.name, workload: c.workload.rawValue, producers: c.producers,
                      consumers: c.consumers, messageBytes: c.messageBytes, rate: c.rate, capacity: c.capacity,
                      nanosecondsPerMessage: r.metrics?.nanosecondsPerMessage, mode: c.mode.rawValue)
        }
    }

    package static func render(_ results: [RunResult]) -> String {
        render(entries: results.map(Entry.init))
    }

    /// The table of a bench CSV's rows (a forked run merges its children's files and has no
    /// `RunResult`s). Warmup rows (repetition 0) only count when they failed.
    package static func render(file: BenchCSVFile) throws(ResultsFileError) -> String {
        var entries: [Entry] = []
        for row in file.rows {
            let key = try BenchConfigurationKey(row: row, of: file, work: Set(BenchConfigurationKey.workColumns.filter(file.hasColumn)))
            let verified = try file.verified(in: row)
            if verified, file.text("repetition", in: row) == "0" { continue }
            let rate = file.text("rate_msgs_per_sec", in: row).flatMap { Int($0) }
            entries.append(Entry(impl: key.impl, workload: key.workload, producers: key.producers, consumers: key.consumers,
                                 messageBytes: key.messageBytes, rate: rate, capacity: key.capacity,
                                 nanosecondsPerMessage: verified ? try file.measurement("ns_per_msg", in: row) : nil,
                                 mode: key.mode))
        }
        return render(entries: entries)
    }

    package static func render(entries: [Entry]) -> String {
        struct Key: Hashable { let impl: String; let workload: String; let p: Int; let c: Int; let size: Int; let rate: Int? }
        var order: [Key] = []
        var cells: [Key: [String: [Double]]] = [:]
        var failed: [Key: Set<String>] = [:]
        var capacities: [ChannelCapacity] = []
        func key(_ e: Entry) -> Key {
            Key(impl: e.impl, workload: e.workload, p: e.producers, c: e.consumers, size: e.messageBytes, rate: e.rate)
        }
        struct Cell: Hashable { let key: Key; let capacity: String }
        let throughputCells = Set(entries.filter { $0.mode == MeasurementMode.throughput.rawValue }
            .map { Cell(key: key($0), capacity: $0.capacity.description) })
        for e in entries {
            let k = key(e)
            if cells[k] == nil { order.append(k); cells[k] = [:] }
            if !capacities.contains(e.capacity) { capacities.append(e.capacity) }
            let cap = e.capacity.description
            let superseded = e.mode == MeasurementMode.latency.rawValue && throughputCells.contains(Cell(key: k, capacity: cap))
            if let ns = e.nanosecondsPerMessage {
                if superseded { continue }
                cells[k]![cap, default: []].append(ns)
            } else {
                failed[k, default: []].insert(cap)
            }
        }
        capacities.sort { a, b in (a.limit ?? Int.max) < (b.limit ?? Int.max) }
        let header = ["impl", "workload", "PxC", "bytes"] + capacities.map { "cap \($0)" }
        var rows: [[String]] = []
        for k in order {
            var row = [k.impl, k.workload + (k.rate.map { " @\($0)/s" } ?? ""), "\(k.p)x\(k.c)", String(k.size)]
            for cap in capacities.map(\.description) {
                if failed[k]?.contains(cap) == true { row.append("FAIL") }
                else if let v = cells[k]?[cap], !v.isEmpty { row.append(format(median(v))) }
                else { row.append("-") }
            }
            rows.append(row)
        }
        return "median ns/msg (pingpong: ns per round trip); FAIL = a check failed, - = not run\n"
            + fitted(header: header, rows: rows, labels: 4).map { $0.render() }.joined(separator: "\n\n")
    }

    /// Widest line a table may have: a terminal of 100 columns shows it without wrapping.
    static let maxWidth = 100

    /// `header`/`rows` as one table, or, when wider than ``maxWidth``, as several that each
    /// repeat the first `labels` columns and take as many value columns as fit.
    static func fitted(header: [String], rows: [[String]], labels: Int) -> [TextTable] {
        func width(_ column: Int) -> Int { ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let labelWidth = (0..<labels).map(width).reduce(0, +) + 2 * (labels - 1)
        var groups: [[Int]] = [[]]
        var used = labelWidth
        for column in labels..<header.count {
            let w = width(column) + 2
            if used + w > maxWidth, !groups[groups.count - 1].isEmpty {
                groups.append([])
                used = labelWidth
            }
            groups[groups.count - 1].append(column)
            used += w
        }
        return groups.map { columns in
            let keep = Array(0..<labels) + columns
            return TextTable(header: keep.map { header[$0] }, rows: rows.map { row in keep.map { row[$0] } },
                             rightAligned: Set(labels..<keep.count), ruleUnderHeader: true)
        }
    }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Whole nanoseconds from 100 up, tenths below.
    static func format(_ v: Double) -> String { DecimalText.fixed(v, v >= 100 ? 0 : 1) }
}
