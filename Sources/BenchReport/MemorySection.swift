import Foundation
import BenchModel
import BenchSupport

/// The memory part of the report: one row per run from `memory-summary.csv`, a run that did
/// not deliver every message marked with how many arrived.
enum MemorySection {
    static func add(_ summary: BenchCSVFile, to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "Memory"))
        func mib(_ text: String?) -> String {
            guard let v = text.flatMap(Double.init) else { return "" }
            return DecimalText.fixed(v / 1_048_576, 2)
        }
        var rows: [[String]] = []
        var lossy: [String] = []
        for r in summary.rows {
            func t(_ c: String) -> String { summary.text(c, in: r) ?? "" }
            let messages = Int(t("messages")), delivered = Int(t("delivered"))
            var status = t("verified") == "false" ? "FAILED" : "ok"
            if let messages, let delivered, delivered < messages {
                status = "LOSSY: \(delivered) of \(messages)"
                lossy.append("\(t("impl")) (\(t("capacity"))) delivered \(delivered) of \(messages)")
            } else if t("verified").isEmpty, delivered == nil {
                status = "not recorded"
            }
            rows.append([t("impl"), t("capacity"), mib(t("growth_bytes")), t("bytes_per_queued_msg"), mib(t("after_drain_bytes")),
                         t("producer_seconds"), t("consumer_seconds"), status])
        }
        doc.add(.table(header: ["impl", "capacity", "growth MiB", "B/queued", "kept MiB", "producers s", "drain s", "delivery"],
                       rows: rows, rightAligned: [2, 3, 4, 5, 6]))
        var note = "Growth: peak allocated minus the baseline before the run; kept: still allocated after the drain. Data: \(summary.provenance)."
        if !lossy.isEmpty { note += " Lossy runs (their memory figures describe dropped messages, not a backlog): \(lossy.joined(separator: "; "))." }
        doc.paragraph(note)
    }
}
