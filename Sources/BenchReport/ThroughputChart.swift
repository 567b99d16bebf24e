/// Chart 1, the crossbeam-style overview: four panels (capacity 0, 1, N, unbounded), one bar
/// per implementation and workload of the median ns/msg at the common message size, whiskers
/// min–max. Bars of configurations that lost messages are hatched and labelled: their figure
/// is not a delivery rate.
enum ThroughputChart {
    static let workloads = ["seq", "spsc", "mpsc", "mpmc", "select_rx", "select_both"]

    static func plan(_ data: BenchChartData) -> ChartOutcome {
        let capN = data.commonCapacity ?? "N"
        let panelOf: [String: Int] = ["0": 1, "1": 2, capN: 3, "unbounded": 4]
        let rows = data.throughput.filter { $0.messageBytes == data.commonSize && workloads.contains($0.workload) }
        // each workload at the producers×consumers shape run most often
        var shapes: [String: String] = [:]
        for w in workloads {
            shapes[w] = BenchChartData.mostCommon(rows.filter { $0.workload == w }.map { "\($0.producers)×\($0.consumers)" })
        }
        let chosen = rows.filter { "\($0.producers)×\($0.consumers)" == shapes[$0.workload] && panelOf[$0.capacity] != nil }
        if chosen.isEmpty {
            return .skipped(name: "throughput", reason: "no \(workloads.joined(separator: "/")) rows at \(data.commonSize) B")
        }
        let impls = ReportPalette.sorted(chosen.map(\.impl))
        let present = workloads.filter { w in chosen.contains { $0.workload == w } }
        let gap = 1.5, per = Double(impls.count) + gap
        func slot(_ f: ConfigurationFigures) -> Double {
            Double(present.firstIndex(of: f.workload)!) * per + Double(impls.firstIndex(of: f.impl)! + 1)
        }
        // the panel travels as an extra column
        let withPanel = data.series(chosen, column: "ns_per_msg", extra: { [Double(panelOf[$0.capacity]!)] },
                                    x: { f in (f.workload, slot(f)) })
        var vars = GnuplotVariables()
        let dat = ChartSeries.write(withPanel, prefix: "S", into: &vars)
        ChartSeries.legend(withPanel, into: &vars)
        let centres = present.enumerated().map { i, w in (w, Double(i) * per + (Double(impls.count) + 1) / 2) }
        vars.set("YTICS", centres.map { w, c in "\"\(w) \(shapes[w]!)\" \(c)" }.joined(separator: ", "))
        vars.set("YMAX", Double(present.count - 1) * per + Double(impls.count) + 0.8)
        let separators = (0..<max(present.count - 1, 0)).map { Double($0) * per + Double(impls.count) + (gap + 1) / 2 }
        vars.set("NSEP", separators.count)
        vars.array("SEP", separators.map { "\($0)" })
        var notes: [(Int, Double)] = []
        for (i, w) in present.enumerated() {
            for p in 1...4 where !chosen.contains(where: { $0.workload == w && panelOf[$0.capacity] == p }) {
                notes.append((p, centres[i].1))
            }
        }
        vars.set("NNOTE", notes.count)
        vars.array("NOTE_P", notes.map(\.0))
        vars.array("NOTE_Y", notes.map { "\($0.1)" })
        let (lo, hi) = ChartSeries.yBounds(withPanel) ?? (1, 10)
        vars.set("XMIN", lo)
        vars.set("XMAX", hi)
        vars.set("LOGX", hi / lo >= 30 ? 1 : 0)
        vars.set("SIZE", "\(data.commonSize)")
        vars.set("CAPN", capN)
        vars.set("DAT", "throughput.dat")
        // LOSSY labels as `set label`s, not a `with labels` plot clause: gnuplot 5.4 crashes
        // drawing a labels clause whose points are all filtered out of a panel.
        let lossyBars = chosen.filter(\.isLossy).compactMap { f in f.spread("ns_per_msg").map { (f, $0.median) } }
        vars.set("NLOSSY", lossyBars.count)
        vars.array("LOSSY_P", lossyBars.map { panelOf[$0.0.capacity]! })
        vars.array("LOSSY_X", lossyBars.map { "\($0.1)" })
        vars.array("LOSSY_Y", lossyBars.map { "\(slot($0.0))" })
        let lossy = chosen.filter(\.isLossy).map { "\($0.impl) (\($0.workload), capacity \($0.capacity))" }
        let lossNote = lossy.isEmpty ? "" : " Cross-hatched bars labelled LOSSY lost messages and are not delivery rates: \(lossy.joined(separator: ", "))."
        // Four workload groups fit the classic height; the select ones add a group each.
        let height = 1150 + 250 * max(0, present.count - 4)
        return .draw(ChartPlan(name: "throughput", width: 1500, height: height, variables: vars, dataFiles: ["throughput.dat": dat],
                               caption: "Median ns/msg per implementation at capacity 0 / 1 / \(capN) / unbounded, \(data.commonSize) B messages.\(lossNote) Data: \(data.provenance)."))
    }
}
