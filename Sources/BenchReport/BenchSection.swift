import BenchModel
import BenchSupport

/// The bench part of the report: the correctness sentence (lossy and failed configurations
/// counted apart, with their losses), the fastest channel per configuration among those that
/// delivered every message, and the configurations that did not.
enum BenchSection {
    static func add(_ figures: [ConfigurationFigures], file: BenchCSVFile, to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "Throughput"))
        doc.add(.paragraph([.text(correctness(figures))]))
        let ranked = fastest(figures)
        if !ranked.isEmpty {
            doc.add(.paragraph([.text("Fastest per configuration (median ns/msg of throughput-mode rows; configurations that lost messages or failed a check are never ranked):")]))
            doc.add(.table(header: ["workload", "P×C", "bytes", "capacity", "fastest", "ns/msg", "runner-up", "ns/msg"],
                           rows: ranked, rightAligned: [2, 5, 7]))
        }
        let bad = figures.filter { !$0.isClean }
        if !bad.isEmpty {
            doc.add(.paragraph([.strong("Not ranked"), .text(": these configurations lost messages or failed a check, so their figures are not delivery rates.")]))
            doc.add(.table(header: ["impl", "workload", "P×C", "capacity", "mode", "problem"], rows: bad.map { f in
                [f.impl, f.workload, "\(f.producers)×\(f.consumers)", f.capacity, f.mode, problem(f)]
            }, rightAligned: []))
        }
    }

    static func problem(_ f: ConfigurationFigures) -> String {
        var parts: [String] = []
        if f.failed > 0 { parts.append("FAILED: \(f.failed) row(s) verified=false") }
        if f.isLossy { parts.append("LOSSY: lost \(f.lostMessages) of \(f.sentMessages) messages") }
        return parts.joined(separator: "; ")
    }

    /// "N of M configurations delivered every message exactly once; K lost messages by design
    /// (…); J failed a check (…)."
    static func correctness(_ figures: [ConfigurationFigures]) -> String {
        let clean = figures.filter(\.isClean).count
        var text = "\(clean) of \(figures.count) configurations passed the correctness oracle with every message delivered exactly once, in per-producer order."
        let lossy = figures.filter { $0.isLossy && $0.failed == 0 }
        if !lossy.isEmpty {
            let lost = lossy.reduce(0) { $0 + $1.lostMessages }, sent = lossy.reduce(0) { $0 + $1.sentMessages }
            let who = Set(lossy.map(\.impl)).sorted().joined(separator: ", ")
            text += " \(lossy.count) configuration(s) of lossy-by-design channels (\(who)) lost \(lost) of \(sent) messages; their figures are marked and not ranked."
        }
        let failed = figures.filter { $0.failed > 0 }
        if !failed.isEmpty {
            text += " \(failed.count) configuration(s) FAILED a check (\(Set(failed.map(\.impl)).sorted().joined(separator: ", "))): no figure is reported for them."
        }
        return text
    }

    /// Per (workload, shape, size, capacity) of throughput-mode rows: the fastest and the
    /// runner-up among the clean configurations.
    static func fastest(_ figures: [ConfigurationFigures]) -> [[String]] {
        var groups: [String: [ConfigurationFigures]] = [:]
        var order: [String] = []
        for f in figures where f.mode != MeasurementMode.latency.rawValue && f.isClean && f.family != "baseline" && f.spread("ns_per_msg") != nil {
            let key = "\(f.workload)|\(f.producers)×\(f.consumers)|\(f.messageBytes)|\(f.capacity)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(f)
        }
        return order.map { key in
            let ranked = groups[key]!.sorted { $0.spread("ns_per_msg")!.median < $1.spread("ns_per_msg")!.median }
            let parts = key.split(separator: "|").map(String.init)
            func cell(_ i: Int) -> [String] {
                i < ranked.count ? [ranked[i].impl, SummaryTable.format(ranked[i].spread("ns_per_msg")!.median)] : ["-", ""]
            }
            return parts + cell(0) + cell(1)
        }
    }
}
