import BenchCompare

/// The figure `history` follows: one of compare's metrics (same names, same direction), read
/// from the columns the store keeps.
package struct HistoryMetric: Sendable, Equatable {
    package let name: String
    /// `true` for costs: a ratio after/before above 1 is a slowdown.
    package let lowerIsBetter: Bool

    package init(named name: String) throws(HistoryError) {
        guard let metric = try? CompareMetric(named: name) else {
            throw .unknownMetric(name, known: CompareMetric.known.map(\.name))
        }
        self.name = metric.name
        self.lowerIsBetter = metric.lowerIsBetter
    }

    /// The stored columns the figure is computed from.
    package var columns: [String] {
        name == CompareMetric.cpuPerMessage.name ? ["cpu_user_s", "cpu_sys_s", "messages"] : [name]
    }

    /// The figure from `columns`' values, in that order; `nil` when one is not measured.
    /// cpu_ns_per_msg is (user + system CPU seconds) per message, as compare derives it.
    package func value(_ values: [Double?]) -> Double? {
        guard name == CompareMetric.cpuPerMessage.name else { return values.first ?? nil }
        guard values.count == 3, let user = values[0], let system = values[1], let messages = values[2], messages > 0 else { return nil }
        return (user + system) * 1e9 / messages
    }

    /// "slowdown" for a worse after/before ratio, else "speedup".
    package func direction(ratio: Double) -> String {
        (lowerIsBetter ? ratio > 1 : ratio < 1) ? "slowdown" : "speedup"
    }
}
