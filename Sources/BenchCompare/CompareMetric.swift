import BenchModel

/// A bench CSV column that compare can judge, with the direction that counts as "worse".
///
/// The direction matters for the verdict: `ns_per_msg` going up is a regression, `msgs_per_sec`
/// going up is an improvement. The reported ratio is always NEW/BASE of the raw column;
/// `costRatio` turns it into "how many times worse" for the verdict and the worst-first order.
package struct CompareMetric: Hashable, Sendable, CustomStringConvertible {
    /// The CSV column name.
    package let name: String
    /// `true` for costs (time, latency, CPU, allocations, memory); `false` for throughput.
    package let lowerIsBetter: Bool

    /// Every column compare accepts for `--metric`, and the figures it derives from columns.
    package static let known: [CompareMetric] = [
        "ns_per_msg", "seconds", "lat_p50_ns", "lat_p90_ns", "lat_p99_ns", "lat_p999_ns", "lat_max_ns",
        "cpu_user_s", "cpu_sys_s", "ctx_voluntary", "ctx_involuntary", "allocs_per_msg",
        "peak_allocated_bytes", "peak_rss_bytes",
    ].map { CompareMetric(name: $0, lowerIsBetter: true) }
        + [CompareMetric(name: "msgs_per_sec", lowerIsBetter: false), .cpuPerMessage, .instructionsPerMessage]

    /// Instructions per message counted by callgrind (`make bench-instructions`): deterministic,
    /// the same binary gives the same count whatever the load, so it is compared ``exact``ly.
    package static let instructionsPerMessage = CompareMetric(name: "instructions_per_msg", lowerIsBetter: true, exact: true)

    /// CPU time (user + system, every thread of the process) per message, in ns. Wall time also
    /// counts the moments a thread waits for a core another job holds; CPU time counts only the
    /// work, so on a shared machine it varies less between processes. It also counts spinning,
    /// so a change that trades waiting for spinning shows here the other way round than in
    /// ns_per_msg. Resolution: the CSV's 0.1 ms CPU figures over a repetition's messages.
    package static let cpuPerMessage = CompareMetric(name: "cpu_ns_per_msg", lowerIsBetter: true,
                                                     columns: ["cpu_user_s", "cpu_sys_s", "messages"])

    /// The default: per-message cost, the headline figure of every chart.
    package static let nsPerMessage = CompareMetric(name: "ns_per_msg", lowerIsBetter: true)

    /// Throughput figures every verified row has (latency, allocations... may be unmeasured).
    var requiredWhenVerified: Bool { ["ns_per_msg", "seconds", "msgs_per_sec"].contains(name) }

    /// Looks up a `--metric` value.
    package init(named name: String) throws(CompareError) {
        guard let metric = Self.known.first(where: { $0.name == name }) else {
            throw .unknownMetric(name, known: Self.known.map(\.name))
        }
        self = metric
    }

    init(name: String, lowerIsBetter: Bool, columns: [String]? = nil, exact: Bool = false) {
        self.name = name
        self.lowerIsBetter = lowerIsBetter
        self.columns = columns ?? [name]
        self.exact = exact
    }

    /// A deterministic figure (no noise to judge a change against): compare judges the ratio
    /// of the two medians against the threshold directly, with no interval or test, and any
    /// change of at least the threshold is a change (see `CompareVerdict.judgeExact`).
    package let exact: Bool

    /// The default threshold for this metric: 5 % for measured times, 1 % for exact counts.
    package var defaultThreshold: CompareThreshold { exact ? CompareThreshold(fraction: 0.01) : .default }

    /// The columns the figure is read from: its own, or those it is derived from.
    let columns: [String]

    /// The first column the figure needs that `file` lacks.
    func missingColumn(in file: BenchCSVFile) -> String? {
        columns.first { !file.hasColumn($0) }
    }

    /// The figure in `row`; `nil` when a column it needs is empty (not measured).
    func value(in row: BenchCSVFile.Row, of file: BenchCSVFile) throws(ResultsFileError) -> Double? {
        guard self == .cpuPerMessage else { return try file.measurement(name, in: row) }
        guard let user = try file.measurement("cpu_user_s", in: row), let system = try file.measurement("cpu_sys_s", in: row),
              let messages = try file.measurement("messages", in: row), messages > 0 else { return nil }
        return (user + system) * 1e9 / messages
    }

    /// Converts a NEW/BASE ratio of this metric into a cost ratio (> 1 means NEW is worse).
    package func costRatio(_ ratio: Double) -> Double {
        lowerIsBetter ? ratio : 1 / ratio
    }

    package var description: String { name }
}
