/// Chart 2: messages per second against producer count (left) and consumer count (right),
/// each the widest sweep in the data. Only measured thread counts get a tick; a series that
/// skipped a count others measured is broken there; a series measured at one count is a point.
enum ScalingChart {
    static func plan(_ data: BenchChartData) -> ChartOutcome {
        let producers = data.widestSweep(data.throughput, group: { "\($0.workload) \($0.consumers) \($0.capacity) \($0.messageBytes)" },
                                         x: { "\($0.producers)" })
        let consumers = data.widestSweep(data.throughput, group: { "\($0.workload) \($0.producers) \($0.capacity) \($0.messageBytes)" },
                                         x: { "\($0.consumers)" })
        if producers == nil, consumers == nil {
            return .skipped(name: "scaling", reason: "no configuration was run at 2 or more producer or consumer counts")
        }
        var vars = GnuplotVariables()
        var files: [String: String] = [:]
        var all: [ChartSeries] = []
        var parts: [String] = []
        for (prefix, sweep, axis) in [("P", producers, "producers"), ("C", consumers, "consumers")] {
            guard let sweep, let first = sweep.first else { vars.set("N\(prefix)", 0); continue }
            let series = data.series(sweep, column: "msgs_per_sec") { f in
                let n = axis == "producers" ? f.producers : f.consumers
                return ("\(n)", Double(n))
            }
            all += series
            files["scaling-\(prefix).dat"] = ChartSeries.write(series, prefix: prefix, into: &vars)
            let xs = Array(Set(series.flatMap { $0.points.map(\.x) })).sorted()
            vars.set("\(prefix)XTICS", xs.map { "\"\(Int($0))\" \($0)" }.joined(separator: ", "))
            vars.set("\(prefix)XMIN", xs.first!)
            vars.set("\(prefix)XMAX", xs.last!)
            let fixed = axis == "producers" ? "\(first.consumers) consumer(s)" : "\(first.producers) producer(s)"
            let title = "\(first.workload) vs \(axis): \(fixed), capacity \(first.capacity), \(first.messageBytes) B"
            vars.set("\(prefix)TITLE", title)
            vars.set("\(prefix)DAT", "scaling-\(prefix).dat")
            let single = series.filter { $0.points.count == 1 }.map(\.impl)
            parts.append(title + (single.isEmpty ? "" : " (measured at one count only, drawn as a point: \(single.joined(separator: ", ")))"))
        }
        ChartSeries.legend(all, into: &vars)
        let (lo, hi) = ChartSeries.yBounds(all) ?? (1, 10)
        vars.set("YMIN", lo)
        vars.set("YMAX", hi)
        vars.set("LOGY", hi / lo >= 30 ? 1 : 0)
        return .draw(ChartPlan(name: "scaling", width: 1500, height: 650, variables: vars, dataFiles: files,
                               caption: "Median msgs/s against thread count; \(parts.joined(separator: "; ")). Data: \(data.provenance)."))
    }
}
