/// Chart 4: ns per message (left) and heap allocations per message (right) against message
/// size, for the widest size sweep. The baseline (`null`) is drawn first and thin, so the
/// channels' lines lie on top of it.
enum SizeChart {
    static func plan(_ data: BenchChartData) -> ChartOutcome {
        guard let sweep = data.widestSweep(data.throughput, group: { "\($0.workload) \($0.producers) \($0.consumers) \($0.capacity)" },
                                           x: { "\($0.messageBytes)" }), let first = sweep.first else {
            return .skipped(name: "size", reason: "no configuration was run at 2 or more message sizes")
        }
        var series = data.series(sweep, column: "ns_per_msg", extra: { [$0.spread("allocs_per_msg")?.median ?? .nan] },
                                 x: { f in ("\(f.messageBytes)", Double(f.messageBytes)) })
        series.sort { ($0.family == "baseline" ? 0 : 1) < ($1.family == "baseline" ? 0 : 1) }
        var vars = GnuplotVariables()
        let dat = ChartSeries.write(series, prefix: "S", into: &vars)
        vars.array("S_BASE", series.map { $0.family == "baseline" ? 1 : 0 })
        ChartSeries.legend(series, into: &vars)
        let xs = Array(Set(series.flatMap { $0.points.map(\.x) })).sorted()
        vars.set("XMIN", xs.first!)
        vars.set("XMAX", xs.last!)
        let (lo, hi) = ChartSeries.yBounds(series) ?? (1, 10)
        vars.set("YMIN", lo)
        vars.set("YMAX", hi)
        vars.set("LOGY", hi / lo >= 30 ? 1 : 0)
        let allocs = series.flatMap { $0.points.compactMap { $0.extra.first } }.filter(\.isFinite)
        vars.set("AMAX", allocs.max() ?? 0)
        vars.set("HAS_ALLOCS", allocs.isEmpty ? 0 : 1)
        let sub = "\(first.workload) \(first.producers)×\(first.consumers), capacity \(first.capacity)"
        vars.set("SUB", sub)
        vars.set("DAT", "size.dat")
        return .draw(ChartPlan(name: "size", width: 1500, height: 600, variables: vars, dataFiles: ["size.dat": dat],
                               caption: "Median ns/msg and allocations/msg against message size (\(sub)). Data: \(data.provenance)."))
    }
}
