/// One line (or bar group) of a chart: one implementation's points. Rows of its data block
/// are `label, x, median, min, max, lossy(0/1)` then any extra columns; a blank line inside the
/// block breaks the line where the series skipped a value others measured, so no line is ever
/// drawn through a point that was not measured.
package struct ChartSeries: Sendable {
    package struct Point: Sendable {
        package var label: String
        package var x: Double
        package var median: Double
        package var min: Double
        package var max: Double
        package var lossy: Bool
        package var extra: [Double] = []
    }

    package var impl: String
    package var family: String
    package var points: [Point]

    package var isReference: Bool { family == "reference" }

    /// The series' data block. `axis` is every x value measured in the panel, in order: a gap
    /// in this series' x values relative to it breaks the line.
    func block(axis: [Double]) -> String {
        var out = ""
        var previousIndex: Int?
        for p in points.sorted(by: { $0.x < $1.x }) {
            let index = axis.firstIndex(of: p.x)
            if let previousIndex, let index, index > previousIndex + 1 { out += "\n" }
            previousIndex = index
            let fields = [p.label.replacingOccurrences(of: "\t", with: " "), "\(p.x)", "\(p.median)", "\(p.min)", "\(p.max)",
                          p.lossy ? "1" : "0"] + p.extra.map { $0.isFinite ? "\($0)" : "NaN" }
            out += fields.joined(separator: "\t") + "\n"
        }
        return out
    }

    /// Data blocks of `series` (gnuplot `index i-1`) and their style arrays `<P>_NAME`,
    /// `<P>_COLOR`, `<P>_REF` and the count `N<P>`.
    static func write(_ series: [ChartSeries], prefix: String, into vars: inout GnuplotVariables) -> String {
        let axis = Array(Set(series.flatMap { $0.points.map(\.x) })).sorted()
        vars.set("N\(prefix)", series.count)
        vars.array("\(prefix)_NAME", series.map(\.impl))
        vars.array("\(prefix)_COLOR", series.map { ReportPalette.color(of: $0.impl) })
        vars.array("\(prefix)_REF", series.map { $0.isReference ? 1 : 0 })
        return series.map { $0.block(axis: axis) }.joined(separator: "\n\n")
    }

    /// The shared legend `K_*` of a chart: every implementation any panel shows, palette order.
    static func legend(_ series: [ChartSeries], into vars: inout GnuplotVariables) {
        var seen: [String: Bool] = [:]
        for s in series { seen[s.impl] = s.isReference }
        let names = ReportPalette.sorted(seen.keys)
        vars.set("NK", names.count)
        vars.array("K_NAME", names)
        vars.array("K_COLOR", names.map(ReportPalette.color(of:)))
        vars.array("K_REF", names.map { seen[$0]! ? 1 : 0 })
        vars.set("ANY_LOSSY", series.contains { $0.points.contains(where: \.lossy) } ? 1 : 0)
    }

    /// Bounds of the median/min/max values over `series`, for axis ranges (positive only).
    static func yBounds(_ series: [ChartSeries]) -> (min: Double, max: Double)? {
        let values = series.flatMap { $0.points.flatMap { [$0.median, $0.min, $0.max] } }.filter { $0 > 0 && $0.isFinite }
        guard let lo = values.min(), let hi = values.max() else { return nil }
        return (lo, hi)
    }
}
