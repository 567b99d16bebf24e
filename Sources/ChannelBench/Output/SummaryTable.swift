/// The stdout summary: one line per implementation × workload (× producers/consumers and
/// message size when they vary), one column per capacity, each cell the median ns/msg of the
/// verified repetitions — `FAIL` if any repetition of that cell failed. A reader needs no
/// chart to see the ranking.
public enum SummaryTable {
    public static func render(_ results: [RunResult]) -> String {
        struct Key: Hashable { let impl: String; let workload: String; let p: Int; let c: Int; let size: Int; let rate: Int? }
        var order: [Key] = []
        var cells: [Key: [String: [Double]]] = [:]
        var failed: [Key: Set<String>] = [:]
        var capacities: [ChannelCapacity] = []
        for r in results {
            let c = r.configuration
            let k = Key(impl: c.implementation.name, workload: c.workload.rawValue, p: c.producers, c: c.consumers,
                        size: c.messageBytes, rate: c.rate)
            if cells[k] == nil { order.append(k); cells[k] = [:] }
            if !capacities.contains(c.capacity) { capacities.append(c.capacity) }
            let cap = c.capacity.description
            if let m = r.metrics {
                cells[k]![cap, default: []].append(m.nanosecondsPerMessage)
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
        var widths = header.map(\.count)
        for row in rows { for (i, f) in row.enumerated() { widths[i] = max(widths[i], f.count) } }
        func line(_ f: [String]) -> String {
            f.enumerated().map { i, s in
                i < 4 ? s.padding(widths[i]) : String(repeating: " ", count: widths[i] - s.count) + s
            }.joined(separator: "  ")
        }
        var out = ["median ns/msg (pingpong: ns per round trip); FAIL = a check failed, - = not run", line(header)]
        out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        out += rows.map(line)
        return out.joined(separator: "\n")
    }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func format(_ v: Double) -> String {
        if v >= 100 { return String(Int(v.rounded())) }
        let tenths = (v * 10).rounded() / 10
        return String(tenths)
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: Swift.max(0, width - count)) }
}
