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

    /// Every column compare accepts for `--metric`.
    package static let known: [CompareMetric] = [
        "ns_per_msg", "seconds", "lat_p50_ns", "lat_p90_ns", "lat_p99_ns", "lat_p999_ns", "lat_max_ns",
        "cpu_user_s", "cpu_sys_s", "ctx_voluntary", "ctx_involuntary", "allocs_per_msg",
        "peak_allocated_bytes", "peak_rss_bytes",
    ].map { CompareMetric(name: $0, lowerIsBetter: true) }
        + [CompareMetric(name: "msgs_per_sec", lowerIsBetter: false)]

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

    init(name: String, lowerIsBetter: Bool) {
        self.name = name
        self.lowerIsBetter = lowerIsBetter
    }

    /// Converts a NEW/BASE ratio of this metric into a cost ratio (> 1 means NEW is worse).
    package func costRatio(_ ratio: Double) -> Double {
        lowerIsBetter ? ratio : 1 / ratio
    }

    package var description: String { name }
}
