import Foundation
import BenchModel

/// The comparison part of the report: counts by verdict and the rows that need attention.
enum CompareSection {
    static func add(_ file: BenchCSVFile, to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "Comparison"))
        let byMetric = CompareChart.rows(file)
        for metric in byMetric.keys.sorted() {
            let rows = byMetric[metric]!
            let counts = CompareChart.verdictOrder.compactMap { v -> String? in
                let n = rows.filter { $0.verdict == v }.count
                return n == 0 ? nil : "\(n) \(v)"
            }
            doc.paragraph("\(metric): \(rows.count) configurations: \(counts.joined(separator: ", ")).")
            let attention = rows.filter { ["failed", "regression", "improvement"].contains($0.verdict) }
            if !attention.isEmpty {
                doc.add(.table(header: ["verdict", "configuration", "NEW/BASE", "interval"], rows: attention.map { r in
                    [r.verdict, r.label, r.ratio.map { String(format: "%.3f", $0) } ?? "",
                     zip(r.low, r.high).map { String(format: "%.3f–%.3f", $0, $1) } ?? ""]
                }, rightAligned: [2]))
            }
        }
    }
}

private func zip(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
