/// Chart 5: latency by percentile, HdrHistogram style (x = 1/(1−p)): round trip from pingpong
/// and one-way from spsc 1×1, each at its most measured capacity and size.
enum LatencyChart {
    static let percentiles: [(column: String, x: Double, label: String)] = [
        ("lat_p50_ns", 2, "p50"), ("lat_p90_ns", 10, "p90"), ("lat_p99_ns", 100, "p99"),
        ("lat_p999_ns", 1000, "p99.9"), ("lat_max_ns", 10000, "max"),
    ]

    static func plan(_ data: BenchChartData) -> ChartOutcome {
        var panels: [(title: String, series: [ChartSeries])] = []
        let candidates: [(String, (ConfigurationFigures) -> Bool)] = [
            ("round trip (pingpong", { $0.workload == "pingpong" }),
            ("one-way send→receive (spsc 1×1", { $0.workload == "spsc" && $0.producers == 1 && $0.consumers == 1 }),
        ]
        for (title, predicate) in candidates {
            let rows = data.latency.filter { predicate($0) && $0.spread("lat_p50_ns") != nil }
            guard let place = BenchChartData.mostCommon(rows.map { "\($0.capacity) \($0.messageBytes)" }) else { continue }
            let chosen = rows.filter { "\($0.capacity) \($0.messageBytes)" == place }
            var byImpl: [String: ChartSeries] = [:]
            for f in chosen {
                for p in percentiles {
                    guard let v = f.spread(p.column), v.median > 0 else { continue }
                    byImpl[f.impl, default: ChartSeries(impl: f.impl, family: f.family, points: [])].points.append(
                        .init(label: p.label, x: p.x, median: v.median, min: v.min, max: v.max, lossy: f.isLossy))
                }
            }
            let parts = place.split(separator: " ")
            panels.append(("\(title), capacity \(parts[0]), \(parts[1]) B)", ReportPalette.sorted(byImpl.keys).map { byImpl[$0]! }))
        }
        if panels.isEmpty { return .skipped(name: "latency", reason: "no pingpong or spsc rows with latency percentiles") }
        var vars = GnuplotVariables()
        var files: [String: String] = [:]
        for (i, panel) in panels.enumerated() {
            files["latency-\(i + 1).dat"] = ChartSeries.write(panel.series, prefix: "S\(i + 1)", into: &vars)
            vars.set("LAT_DAT_\(i + 1)", "latency-\(i + 1).dat")
            vars.set("LAT_TITLE_\(i + 1)", panel.title)
        }
        let all = panels.flatMap(\.series)
        ChartSeries.legend(all, into: &vars)
        let (lo, hi) = ChartSeries.yBounds(all) ?? (1, 10)
        vars.set("YMIN", lo)
        vars.set("YMAX", hi)
        vars.set("NPANEL", panels.count)
        return .draw(ChartPlan(name: "latency", width: 1500, height: 650, variables: vars, dataFiles: files,
                               caption: "Latency percentiles p50…max: \(panels.map(\.title).joined(separator: "; ")). Data: \(data.provenance)."))
    }
}
