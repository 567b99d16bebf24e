import Channels
import BenchModel

/// A `memory-summary.csv` (``MemoryCSV/summaryColumns``) as the store keeps it: one
/// measurement per memory run, so `history --metric peak_allocated_bytes --config memory`
/// follows a channel's memory over commits as it follows its speed.
///
/// Key: the workload and the mode are `memory`; the consumer's pace (one message per
/// `consumer_delay_us`) is the key's rate, in messages per second, so runs paced differently
/// never share a series; one consumer; the driver is the registry's for the implementation
/// (`unknown` for one this build does not register). Figures: `peak_bytes` as
/// `peak_allocated_bytes` (both are jemalloc's allocated bytes at their peak), `messages`, and
/// `lost_messages` (sent − delivered). A run that failed has no figures and is not verified.
enum HistoryMemoryRows {
    static let workload = "memory"
    static let requiredColumns = ["impl", "capacity", "message_bytes", "messages", "peak_bytes", "producers",
                                  "consumer_delay_us", "delivered", "verified"]

    /// Whether `file` is a memory summary rather than a bench CSV.
    static func isSummary(_ file: BenchCSVFile) -> Bool {
        requiredColumns.allSatisfy(file.hasColumn) && !file.hasColumn("ns_per_msg")
    }

    static func rows(of file: BenchCSVFile) throws(ResultsFileError) -> [StoredMeasurement] {
        var out: [StoredMeasurement] = []
        for row in file.rows {
            func bad(_ column: String) -> ResultsFileError {
                .badValue(path: file.path, line: row.line, column: column, value: file.text(column, in: row) ?? "")
            }
            func count(_ column: String) throws(ResultsFileError) -> Int {
                guard let n = file.text(column, in: row).flatMap({ Int($0) }), n >= 0 else { throw bad(column) }
                return n
            }
            guard let impl = file.text("impl", in: row), !impl.isEmpty else { throw bad("impl") }
            guard let capacity = file.text("capacity", in: row).flatMap(ChannelCapacity.init(parsing:)) else { throw bad("capacity") }
            let delay = try file.measurement("consumer_delay_us", in: row)
            let driver = ChannelRegistry.named(impl).map { $0.kind == .blocking ? "threads" : "tasks" } ?? "unknown"
            let key = BenchConfigurationKey(
                impl: impl, workload: workload, producers: try count("producers"), consumers: 1, capacity: capacity,
                messageBytes: try count("message_bytes"), driver: driver,
                rate: delay.flatMap { $0 > 0 ? String(Int((1e6 / $0).rounded())) : nil } ?? "", mode: workload)
            var metrics: [String: Double] = [:]
            let messages = try file.measurement("messages", in: row)
            metrics["messages"] = messages
            metrics["peak_allocated_bytes"] = try file.measurement("peak_bytes", in: row)
            if let messages, let delivered = try file.measurement("delivered", in: row) {
                metrics["lost_messages"] = max(0, messages - delivered)
            }
            out.append(StoredMeasurement(configuration: key, process: "memory", repetition: 1,
                                         verified: try file.verified(in: row), metrics: metrics))
        }
        return out
    }
}
