import Foundation
import BenchModel

/// Turns a bench CSV into the JSON another tool reads (see ``ExportFormat``).
///
/// Exported: each configuration's measured repetitions (repetition ≥ 1) that passed their
/// checks, summarised per figure by the median, with minimum and maximum as the range. Failed
/// rows and warmups are left out, and a configuration with no verified row is left out whole
/// (``skipped`` names it). A partial file (interrupted, or with no `# status: complete`
/// trailer) is refused: exported figures would look complete.
package struct BenchExporter: Sendable {
    package let configurations: [ExportedConfiguration]
    /// Configurations without a verified measured row, by name.
    package let skipped: [String]
    /// Where the figures came from: the file, its commit and its `# parameters:`.
    package let provenance: String

    package init(file: BenchCSVFile) throws(ResultsFileError) {
        if let reason = file.partialReason { throw .partialFile(path: file.path, reason: reason) }
        var order: [BenchConfigurationKey] = []
        var rows: [BenchConfigurationKey: [BenchCSVFile.Row]] = [:]
        for row in file.rows {
            let key = try BenchConfigurationKey(row: row, of: file, work: Set(BenchConfigurationKey.workColumns))
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(row)
        }
        var exported: [ExportedConfiguration] = []
        var skipped: [String] = []
        for key in order {
            var measured: [BenchCSVFile.Row] = []
            for row in rows[key] ?? [] where file.text("repetition", in: row) != "0" {
                if try file.verified(in: row) { measured.append(row) }
            }
            if measured.isEmpty {
                skipped.append(key.description)
                continue
            }
            var metrics: [ExportedMetric] = []
            for column in ExportedColumn.all {
                var values: [Double] = []
                for row in measured {
                    if let v = try file.measurement(column.column, in: row) { values.append(v) }
                }
                if !values.isEmpty {
                    metrics.append(ExportedMetric(column: column.column, unit: column.unit, measure: column.measure, values: values))
                }
            }
            let forks = Set(measured.map { file.runID(of: $0) }).count
            exported.append(ExportedConfiguration(name: key.description, key: key, repetitions: measured.count, forks: forks,
                                                  metrics: metrics))
        }
        configurations = exported
        self.skipped = skipped
        provenance = "from \((file.path as NSString).lastPathComponent)"
            + (file.metadata("git_commit").map { " at commit \($0)" } ?? "")
            + (file.metadata("parameters").map { "; \($0)" } ?? "")
    }

    /// The file's contents in `format`: pretty-printed JSON with sorted keys, ending in a newline.
    package func render(_ format: ExportFormat) -> String {
        let value: Any = switch format {
        case .githubAction: githubAction()
        case .jmh: jmh()
        case .bmf: bmf()
        }
        // Only strings, numbers, arrays and dictionaries built here: serialization cannot fail.
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func githubAction() -> [[String: Any]] {
        configurations.flatMap { c in
            c.metrics.map { m in
                [
                    "name": "\(c.name) \(m.unit)",
                    "unit": m.unit,
                    "value": m.median,
                    "range": "\(m.minimum)..\(m.maximum)",
                    "extra": "median of \(c.repetitions) verified repetitions from \(c.forks) process(es), \(provenance)",
                ] as [String: Any]
            }
        }
    }

    /// JMH names a benchmark by method; here the configuration is the benchmark and its
    /// fields the params. The time per message is the primary metric (`avgt`, ns/op, one op
    /// per message), the others secondary. `scoreError` and `scoreConfidence` are "NaN", as
    /// JMH writes when it has no confidence interval: ChannelBench's is compare's, not a
    /// normal-theory interval.
    private func jmh() -> [[String: Any]] {
        configurations.compactMap { c in
            guard let primary = c.metrics.first else { return nil }
            var secondary: [String: Any] = [:]
            for m in c.metrics.dropFirst() { secondary[m.column] = jmhMetric(m) }
            return [
                "jmhVersion": "ChannelBench",
                "benchmark": "chanbench.\(c.key.impl).\(c.key.workload)",
                "mode": "avgt",
                "threads": c.key.producers + c.key.consumers,
                "forks": c.forks,
                "warmupIterations": 0,
                "measurementIterations": c.repetitions,
                "params": [
                    "producers": String(c.key.producers), "consumers": String(c.key.consumers),
                    "capacity": c.key.capacity.description, "messageBytes": String(c.key.messageBytes),
                    "driver": c.key.driver, "mode": c.key.mode,
                ],
                "primaryMetric": jmhMetric(primary),
                "secondaryMetrics": secondary,
            ] as [String: Any]
        }
    }

    private func jmhMetric(_ m: ExportedMetric) -> [String: Any] {
        [
            "score": m.mean,
            "scoreError": "NaN",
            "scoreConfidence": ["NaN", "NaN"],
            "scorePercentiles": ["0.0": m.minimum, "50.0": m.median, "100.0": m.maximum],
            "scoreUnit": m.unit == "ns/msg" ? "ns/op" : m.unit,
            "rawData": [m.values],
        ]
    }

    private func bmf() -> [String: Any] {
        var out: [String: Any] = [:]
        for c in configurations {
            var measures: [String: Any] = [:]
            for m in c.metrics {
                measures[m.measure] = ["value": m.median, "lower_value": m.minimum, "upper_value": m.maximum]
            }
            out[c.name] = measures
        }
        return out
    }
}
