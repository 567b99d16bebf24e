import BenchModel

/// Writes the compare CSV contract:
/// `impl,family,driver,workload,producers,consumers,capacity,message_bytes,metric,base_n,new_n,base_median,new_median,ratio,ci_low,ci_high,p_value,verdict,p_adjusted,mde`
/// (`p_adjusted`, the Holm-corrected p the verdict used, and `mde`, the smallest cost ratio
/// the rule would have flagged, trail `verdict` so that readers written against the first 18
/// columns keep working; read columns by name), then the
/// `# status: complete rows=N` trailer every ChannelBench CSV ends with.
///
/// `base_n`/`new_n` count the samples the statistics used: processes (each one's median). Numbers keep full precision; a value that does not exist (no BASE for a `new` row, no
/// interval with fewer than 2 repetitions) is an empty field, never a made-up number.
package enum CompareCSVReport {
    package static let header = [
        "impl", "family", "driver", "workload", "producers", "consumers", "capacity", "message_bytes",
        "metric", "base_n", "new_n", "base_median", "new_median", "ratio", "ci_low", "ci_high",
        "p_value", "verdict", "p_adjusted", "mde",
    ]

    package static func render(_ comparison: BenchComparison) -> String {
        var lines = [header.joined(separator: ",")]
        for c in comparison.configurations {
            let fields: [String] = [
                c.key.impl, c.family, c.key.driver, c.key.workload, String(c.key.producers),
                String(c.key.consumers), c.key.capacity.description, String(c.key.messageBytes),
                c.metric.name, String(c.baseValues.count), String(c.newValues.count),
                number(c.baseMedian), number(c.newMedian), number(c.ratio),
                number(c.interval?.low), number(c.interval?.high), number(c.test?.pValue),
                c.verdict.rawValue, number(c.adjustedP), number(c.minimumDetectable),
            ]
            lines.append(fields.map(quoted).joined(separator: ","))
        }
        lines.append(CSVTrailer.line(.complete(rows: comparison.configurations.count)))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ x: Double?) -> String {
        guard let x else { return "" }
        return x.isFinite ? "\(x)" : "inf"
    }

    /// Names come from user files and registered channels: quote any field that needs it.
    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
