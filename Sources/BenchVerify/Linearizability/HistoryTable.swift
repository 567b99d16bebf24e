/// Renders a history like Lincheck's failure report: one column per thread, one row per
/// operation in invocation order, each cell `operation: result [invoked, responded]`.
package enum HistoryTable {
    static func render(_ h: History) -> String {
        let ordered = h.events.sorted { $0.invoked < $1.invoked }
        let cells = ordered.map { e in "\(e.operation): \(e.result)  [\(e.invoked),\(e.responded)]" }
        var width = Array(repeating: 8, count: h.threads)
        for (e, c) in zip(ordered, cells) { width[e.thread] = max(width[e.thread], c.count) }
        func row(_ columns: [String]) -> String {
            "| " + columns.enumerated().map { i, c in c + String(repeating: " ", count: width[i] - c.count) }
                .joined(separator: " | ") + " |"
        }
        var lines = ["capacity \(h.capacity), initially buffered \(h.prefill) (oldest first)"]
        lines.append(row((0..<h.threads).map { "Thread \($0)" }))
        lines.append("|" + width.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|")
        for (e, c) in zip(ordered, cells) {
            lines.append(row((0..<h.threads).map { $0 == e.thread ? c : "" }))
        }
        lines.append("No order of these operations, consistent with their [invoked, responded] intervals,")
        lines.append("explains every result under the sequential FIFO channel model.")
        return lines.joined(separator: "\n")
    }
}
