import BenchModel

/// One configuration of a bench CSV with its repetitions aggregated: the median, min and max of
/// each measurement over the verified measured rows (warmup rows, repetition 0, left out), and
/// what the oracle said about all of them.
package struct ConfigurationFigures: Sendable {
    package var impl: String
    package var family: String
    package var driver: String
    package var workload: String
    package var producers: Int
    package var consumers: Int
    /// As written in the CSV: a number or `unbounded`.
    package var capacity: String
    package var messageBytes: Int
    /// `throughput`, `latency` or "" (a file from before the modes).
    package var mode: String
    /// Measured repetitions with figures.
    package var repetitions: Int
    /// Rows whose checks failed (`verified=false`).
    package var failed: Int
    /// Messages dropped (the lossy-by-design channels report them in `lost_messages`).
    package var lostMessages: Int
    /// Messages sent over the lossy rows.
    package var sentMessages: Int
    private var values: [String: [Double]]

    /// A configuration whose figures describe a channel that did not deliver everything: it is
    /// never ranked, and charts mark it.
    package var isLossy: Bool { lostMessages > 0 }
    package var isClean: Bool { failed == 0 && lostMessages == 0 }

    /// Median, min and max of `column` over the verified measured rows; `nil` when none.
    package func spread(_ column: String) -> (median: Double, min: Double, max: Double)? {
        guard let v = values[column], !v.isEmpty else { return nil }
        return (SummaryTable.median(v), v.min()!, v.max()!)
    }

    /// The columns aggregated.
    static let measured = ["ns_per_msg", "msgs_per_sec", "allocs_per_msg",
                           "lat_p50_ns", "lat_p90_ns", "lat_p99_ns", "lat_p999_ns", "lat_max_ns"]

    /// Every configuration of `file`, in file order.
    package static func aggregate(_ file: BenchCSVFile) throws(ReportError) -> [ConfigurationFigures] {
        struct Key: Hashable { var fields: [String] }
        var order: [Key] = []
        var byKey: [Key: ConfigurationFigures] = [:]
        do {
            for row in file.rows {
                func text(_ c: String) -> String { file.text(c, in: row) ?? "" }
                let key = Key(fields: ["impl", "driver", "workload", "producers", "consumers", "capacity", "message_bytes",
                                       "mode", "rate_msgs_per_sec"].map(text))
                var figures = byKey[key] ?? ConfigurationFigures(
                    impl: text("impl"), family: text("family"), driver: text("driver"), workload: text("workload"),
                    producers: Int(text("producers")) ?? 0, consumers: Int(text("consumers")) ?? 0,
                    capacity: text("capacity"), messageBytes: Int(text("message_bytes")) ?? 0, mode: text("mode"),
                    repetitions: 0, failed: 0, lostMessages: 0, sentMessages: 0, values: [:])
                if byKey[key] == nil { order.append(key) }
                let verified = try file.verified(in: row)
                let lost = Int(text("lost_messages")) ?? 0
                if !verified { figures.failed += 1 }
                if text("repetition") != "0" {
                    figures.lostMessages += lost
                    if lost > 0 { figures.sentMessages += Int(text("messages")) ?? 0 }
                    if verified {
                        figures.repetitions += 1
                        for column in measured {
                            if let x = try file.measurement(column, in: row) { figures.values[column, default: []].append(x) }
                        }
                    }
                }
                byKey[key] = figures
            }
        } catch {
            throw .input(error)
        }
        return order.map { byKey[$0]! }
    }
}
