import BenchModel

/// One bench CSV as the store keeps it: the run's facts and its measured rows.
package struct StoredRun: Sendable {
    /// FNV-1a of the file's text: the same file imported twice (or `latest.csv` and the
    /// timestamped file it mirrors) is one run.
    package var contentHash: String
    /// The path it was imported from, for messages.
    package var source: String
    package var commit: String
    /// ISO 8601, UTC, as the file's `date` line.
    package var date: String
    package var machine: MachineFingerprint
    package var command: String
    package var parameters: String
    /// `complete`, `interrupted` or `partial` (no trailer).
    package var status: String
    package var measurements: [StoredMeasurement]
}

/// One measured repetition of one configuration (warmups are not stored).
package struct StoredMeasurement: Sendable, Equatable {
    package var configuration: BenchConfigurationKey
    /// Which process measured it (``BenchCSVFile/runID(of:)``): `block 0 fork 3`.
    package var process: String
    package var repetition: Int
    package var verified: Bool
    /// Figures by CSV column name (``StoredMeasurement/metricColumns``); absent = not measured.
    package var metrics: [String: Double]

    /// The numeric bench CSV columns the store keeps, each a column of its own.
    package static let metricColumns = [
        "messages", "seconds", "msgs_per_sec", "ns_per_msg", "cpu_user_s", "cpu_sys_s", "ctx_voluntary",
        "ctx_involuntary", "allocs_per_msg", "peak_allocated_bytes", "peak_rss_bytes", "lat_p50_ns",
        "lat_p90_ns", "lat_p99_ns", "lat_p999_ns", "lat_max_ns", "lost_messages",
    ]
}
