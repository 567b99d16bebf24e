import BenchModel
import BenchCompare

/// One figure of one configuration as every format exports it: the per-repetition values
/// of one CSV column, summarised by their median (the figure `run`'s table and `compare` use).
package struct ExportedMetric: Sendable, Equatable {
    /// The CSV column the values come from.
    package var column: String
    /// The unit every format states (`ns/msg`, `allocs/msg`, `ns`).
    package var unit: String
    /// Bencher's measure slug.
    package var measure: String
    /// One value per verified, measured repetition, in file order.
    package var values: [Double]

    package var median: Double { SampleStatistics.median(values) ?? 0 }
    package var minimum: Double { values.min() ?? 0 }
    package var maximum: Double { values.max() ?? 0 }
    package var mean: Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
}

/// The figures exported, all smaller-is-better: time per message (throughput rows), allocations
/// per message, and latency percentiles (latency rows).
package struct ExportedColumn: Sendable {
    package var column: String
    package var unit: String
    package var measure: String

    package static let all: [ExportedColumn] = [
        ExportedColumn(column: "ns_per_msg", unit: "ns/msg", measure: "ns-per-msg"),
        ExportedColumn(column: "allocs_per_msg", unit: "allocs/msg", measure: "allocs-per-msg"),
        ExportedColumn(column: "lat_p50_ns", unit: "ns", measure: "latency-p50-ns"),
        ExportedColumn(column: "lat_p99_ns", unit: "ns", measure: "latency-p99-ns"),
    ]
}

/// One configuration of a bench CSV, ready to export.
package struct ExportedConfiguration: Sendable, Equatable {
    /// How every format names the benchmark (`ring spsc p=1 c=1 cap=1024 size=8 threads throughput`).
    package var name: String
    package var key: BenchConfigurationKey
    /// Measured repetitions that passed their checks.
    package var repetitions: Int
    /// Processes (`fork` column) the repetitions came from.
    package var forks: Int
    /// Figures with at least one value, in ``ExportedColumn/all`` order.
    package var metrics: [ExportedMetric]
}
