import Foundation
import Channels
import BenchSupport
import BenchModel

/// Runs a scenario in this process and writes its per-run CSV.
package enum MemoryRunWriter {
    /// Samples a run needs before its growth figures mean anything.
    package static let minimumSamples = 3

    /// Runs `scenario`, writes `memory-<impl>-<capacity>-<timestamp>.csv` into `directory`, and
    /// returns the summary row (a failed write or delivery check gives `verified == false`).
    /// `command` is the invocation the file's metadata names (a child's parent's).
    package static func runAndWrite(_ scenario: MemoryScenario, directory: String, timestamp: String,
                                    command: [String] = CommandLine.arguments) -> MemorySummaryRow {
        guard let d = ChannelRegistry.named(scenario.implementation) else {
            preconditionFailure("validated before running")
        }
        // Called from a command's main thread, a plain thread, as blockOn requires.
        let outcome = blockOn { await MemoryScenarioRunner.run(scenario, descriptor: d) }
        let stem = "memory-\(scenario.implementation)-\(scenario.capacity)-\(timestamp)"
        var summary = outcome.summary
        summary.file = BenchCSV.uniquePath(directory: directory, stem: stem)
        var ok = MemoryCSV.verified(summary, lossy: d.lossy)
        if !ok {
            StandardError.write("memory: \(d.name) cap=\(scenario.capacity): delivered \(summary.delivered) of \(scenario.messages) messages")
        }
        // Growth and bytes per queued message come from the samples: fewer than a few say
        // nothing (a run shorter than one interval reads 0 bytes per message).
        if outcome.samples.count < minimumSamples {
            StandardError.write("error: memory: \(d.name) cap=\(scenario.capacity) took \(outcome.samples.count) sample(s), "
                + "fewer than \(minimumSamples): too short to measure; give more --messages or a smaller --interval-ms")
            ok = false
        }
        do {
            // Memory runs started together in one folder get names of their own, never an error.
            let writer = try CSVWriter.createNew(
                named: { BenchCSV.uniquePath(directory: directory, stem: stem) },
                metadata: RunMetadata.collect(command: command, parameters: parameters([scenario])),
                columns: MemoryCSV.sampleColumns)
            summary.file = writer.paths[0]
            do {
                for s in outcome.samples {
                    try writer.write(row: MemoryCSV.sampleFields(scenario, s))
                }
                try writer.finish()
            } catch {
                try? writer.finish(complete: false)
                throw error
            }
        } catch {
            StandardError.write("error: \(error)")
            ok = false
        }
        return .measured(summary, verified: ok)
    }

    /// `parameters` metadata for a set of scenarios.
    package static func parameters(_ scenarios: [MemoryScenario]) -> String {
        guard let s = scenarios.first else { return "" }
        let impls = scenarios.map(\.implementation).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let caps = scenarios.map(\.capacity.description).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return "impl=\(impls.joined(separator: ",")) capacity=\(caps.joined(separator: ",")) producers=\(s.producers)"
            + " messages=\(s.messages) message_size=\(s.messageBytes)"
            + " consumer_delay_us=\(MemoryCSV.consumerDelayMicroseconds(s)) interval_ms=\(s.intervalMilliseconds)"
    }

    /// `[3/12] memory condvar cap=unbounded size=64 msgs=1000000` on stderr.
    package static func progress(_ index: Int, _ total: Int, _ s: MemoryScenario) {
        StandardError.write("[\(index + 1)/\(total)] memory \(s.implementation) cap=\(s.capacity) p=\(s.producers) size=\(s.messageBytes) msgs=\(s.messages)")
    }
}

/// The stdout table: one line per run, growth and footprint in readable units.
package enum MemorySummaryTable {
    package static func render(_ rows: [MemorySummaryRow]) -> String {
        let header = ["impl", "capacity", "peak queued", "growth MiB", "bytes/queued msg", "after drain MiB", "ok"]
        let cells = rows.map { r in
            [r["impl"], r["capacity"], r["peak_queued"],
             DecimalText.fixed((Double(r["growth_bytes"]) ?? 0) / 1_048_576, 2), r["bytes_per_queued_msg"],
             DecimalText.fixed((Double(r["after_drain_bytes"]) ?? 0) / 1_048_576, 2), delivery(r)]
        }
        return TextTable(header: header, rows: cells, rightAligned: [2, 3, 4, 5]).render()
    }

    /// "yes", "NO", or for a lossy channel that passed (it may drop by design) how many of the
    /// messages arrived: its memory figures describe dropped messages, not a backlog.
    static func delivery(_ r: MemorySummaryRow) -> String {
        guard r.verified else { return "NO" }
        if case .measured(let s, _) = r, s.delivered < s.scenario.messages {
            return "LOSSY \(s.delivered)/\(s.scenario.messages)"
        }
        return "yes"
    }
}
