import BenchModel

/// A bench CSV prepared for the charts: configurations aggregated, one driver per
/// implementation (its most measured one), split by measurement mode (ns/msg from throughput
/// rows, latency from latency rows; a file from before the modes serves both).
package struct BenchChartData: Sendable {
    package var provenance: String
    package var throughput: [ConfigurationFigures]
    package var latency: [ConfigurationFigures]
    /// The most common message size and bounded capacity above 1 ("N" in the overview).
    package var commonSize: Int
    package var commonCapacity: String?

    package init(file: BenchCSVFile, figures: [ConfigurationFigures]) {
        provenance = file.provenance
        var driverCounts: [String: [String: Int]] = [:]
        for f in figures { driverCounts[f.impl, default: [:]][f.driver, default: 0] += 1 }
        let primary = driverCounts.mapValues { counts in counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key }
        let charted = figures.filter { primary[$0.impl] == $0.driver && $0.failed == 0 }
        throughput = charted.filter { $0.mode != MeasurementMode.latency.rawValue }
        latency = charted.filter { $0.mode != MeasurementMode.throughput.rawValue }
        commonSize = Self.mostCommon(throughput.map(\.messageBytes)) ?? 64
        commonCapacity = Self.mostCommon(throughput.map(\.capacity).filter { (Int($0) ?? 0) > 1 })
    }

    /// The most frequent value; ties go to the smallest.
    static func mostCommon<T: Hashable & Comparable>(_ values: [T]) -> T? {
        var counts: [T: Int] = [:]
        for v in values { counts[v, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// One series per implementation over `figures`, x from `x`, y from `column`, and extra
    /// data columns from `extra`.
    func series(_ figures: [ConfigurationFigures], column: String,
                extra: (ConfigurationFigures) -> [Double] = { _ in [] },
                x: (ConfigurationFigures) -> (label: String, value: Double)?) -> [ChartSeries] {
        var byImpl: [String: ChartSeries] = [:]
        for f in figures {
            guard let (label, xv) = x(f), let y = f.spread(column) else { continue }
            let extras = extra(f)
            byImpl[f.impl, default: ChartSeries(impl: f.impl, family: f.family, points: [])].points.append(
                .init(label: label, x: xv, median: y.median, min: y.min, max: y.max, lossy: f.isLossy, extra: extras))
        }
        return ReportPalette.sorted(byImpl.keys).map { byImpl[$0]! }
    }

    /// Among the groups of configurations that share `group` and vary along `x`, the one with
    /// the most measured points; `nil` when none varies.
    func widestSweep(_ figures: [ConfigurationFigures], group: (ConfigurationFigures) -> String,
                     x: (ConfigurationFigures) -> String) -> [ConfigurationFigures]? {
        var groups: [String: [ConfigurationFigures]] = [:]
        var order: [String] = []
        for f in figures {
            let g = group(f)
            if groups[g] == nil { order.append(g) }
            groups[g, default: []].append(f)
        }
        let best = order.map { (key: $0, values: Set(groups[$0]!.map(x)).count, rows: groups[$0]!.count) }
            .filter { $0.values >= 2 }
            .max { ($0.values, $0.rows) < ($1.values, $1.rows) }
        return best.map { groups[$0.key]! }
    }
}
