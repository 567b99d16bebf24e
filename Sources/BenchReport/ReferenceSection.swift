import BenchModel
import BenchSupport

/// Swift channels against the Go/Rust references measured in the same file: per configuration,
/// each Swift channel's median ns/msg over the fastest reference's (< 1× = Swift is faster).
/// Configurations that lost messages are listed with the mark, never as a ratio.
enum ReferenceSection {
    static func add(_ figures: [ConfigurationFigures], to doc: inout ReportDocument) {
        let rows = table(figures)
        guard !rows.isEmpty else { return }
        doc.add(.heading(level: 2, text: "Swift against the references (same run)"))
        doc.paragraph("Median ns/msg of each Swift channel divided by the fastest reference (Go chan, Rust std::sync::mpsc, crossbeam-channel) that ran the same configuration, throughput-mode rows: below 1× the Swift channel is faster.")
        doc.add(.table(header: ["impl", "workload", "P×C", "bytes", "capacity", "ns/msg", "vs fastest ref", "fastest ref"],
                       rows: rows, rightAligned: [3, 5, 6]))
    }

    static func table(_ figures: [ConfigurationFigures]) -> [[String]] {
        func place(_ f: ConfigurationFigures) -> String {
            "\(f.workload)|\(f.producers)×\(f.consumers)|\(f.messageBytes)|\(f.capacity)"
        }
        let measured = figures.filter { $0.mode != MeasurementMode.latency.rawValue && $0.spread("ns_per_msg") != nil && $0.failed == 0 }
        var fastestReference: [String: ConfigurationFigures] = [:]
        for f in measured where f.family == "reference" {
            if let best = fastestReference[place(f)], best.spread("ns_per_msg")!.median <= f.spread("ns_per_msg")!.median { continue }
            fastestReference[place(f)] = f
        }
        return measured.filter { $0.family != "reference" && $0.family != "baseline" }.compactMap { f in
            guard let ref = fastestReference[place(f)] else { return nil }
            let ns = f.spread("ns_per_msg")!.median
            let ratio = f.isLossy ? "LOSSY" : DecimalText.fixed(ns / ref.spread("ns_per_msg")!.median, 2) + "×"
            return [f.impl, f.workload, "\(f.producers)×\(f.consumers)", "\(f.messageBytes)", f.capacity,
                    SummaryTable.format(ns), ratio, ref.impl]
        }
    }
}
