/// Chart 3: ns per message against channel capacity (log x), one panel per workload that was
/// run at two or more capacities. Capacity 0 sits one step left of the smallest buffer and
/// `unbounded` one step right of the largest; single-capacity series show as points.
enum CapacityChart {
    static func plan(_ data: BenchChartData) -> ChartOutcome {
        var panels: [(title: String, series: [ChartSeries])] = []
        for workload in ["spsc", "mpsc", "mpmc"] {
            let rows = data.throughput.filter { $0.workload == workload }
            guard let sweep = data.widestSweep(rows, group: { "\($0.producers) \($0.consumers) \($0.messageBytes)" },
                                               x: \.capacity), let first = sweep.first else { continue }
            let bounded = sweep.compactMap { Int($0.capacity) }.filter { $0 > 0 }
            let lo = Double(bounded.min() ?? 1), hi = Double(bounded.max() ?? 1)
            let series = data.series(sweep, column: "ns_per_msg") { f in
                switch f.capacity {
                case "0": return ("0 (rendezvous)", lo / 4)
                case "unbounded": return ("unbounded", hi * 4)
                default: return Int(f.capacity).map { (f.capacity, Double($0)) }
                }
            }
            panels.append(("\(workload) \(first.producers)×\(first.consumers), \(first.messageBytes) B messages", series))
        }
        if panels.isEmpty { return .skipped(name: "capacity", reason: "no workload was run at 2 or more capacities") }
        var vars = GnuplotVariables()
        var files: [String: String] = [:]
        for (i, panel) in panels.enumerated() {
            let k = i + 1
            files["capacity-\(k).dat"] = ChartSeries.write(panel.series, prefix: "S\(k)", into: &vars)
            vars.set("CAP_DAT_\(k)", "capacity-\(k).dat")
            vars.set("CAP_TITLE_\(k)", panel.title)
            let ticks = Dictionary(panel.series.flatMap { $0.points.map { ($0.x, $0.label) } }, uniquingKeysWith: { a, _ in a })
            vars.set("CAP_XTICS_\(k)", ticks.keys.sorted().map { "\"\(ticks[$0]!)\" \($0)" }.joined(separator: ", "))
            let xs = ticks.keys.sorted()
            vars.set("CAP_XMIN_\(k)", xs.first!)
            vars.set("CAP_XMAX_\(k)", xs.last!)
        }
        let all = panels.flatMap(\.series)
        ChartSeries.legend(all, into: &vars)
        let (lo, hi) = ChartSeries.yBounds(all) ?? (1, 10)
        vars.set("YMIN", lo)
        vars.set("YMAX", hi)
        vars.set("LOGY", hi / lo >= 30 ? 1 : 0)
        vars.set("NPANEL", panels.count)
        let single = all.filter { $0.points.count == 1 }.map(\.impl)
        let note = single.isEmpty ? "" : " Run at one capacity only (drawn as a point): \(Set(single).sorted().joined(separator: ", "))."
        return .draw(ChartPlan(name: "capacity", width: 1500, height: 720, variables: vars, dataFiles: files,
                               caption: "Median ns/msg against channel capacity (log x): \(panels.map(\.title).joined(separator: "; ")).\(note) Data: \(data.provenance)."))
    }
}
