import BenchSupport
/// The memory CSV formats (a public contract, like the bench CSV: charts and users' scripts
/// read them by header name).
package enum MemoryCSV {
    /// Columns of a per-run `results/memory-<impl>-<capacity>-<timestamp>.csv`.
    package static let sampleColumns =
        "impl,capacity,message_bytes,t_ms,allocated_bytes,resident_bytes,rss_bytes,queued,sent,received"
        .split(separator: ",").map(String.init)

    /// Columns of `results/memory-summary.csv`.
    package static let summaryColumns =
        "impl,family,capacity,message_bytes,messages,baseline_bytes,peak_bytes,growth_bytes,bytes_per_queued_msg,peak_queued,after_drain_bytes,producer_seconds,consumer_seconds,file,producers,consumer_delay_us,delivered,verified"
        .split(separator: ",").map(String.init)

    package static func sampleFields(_ s: MemoryScenario, _ m: MemorySample) -> [String] {
        [s.implementation, s.capacity.description, String(s.messageBytes),
         DecimalText.fixed(m.tMilliseconds, 3), String(m.reading.allocatedBytes), String(m.reading.residentBytes),
         String(m.reading.rssBytes), String(m.queued), String(m.sent), String(m.received)]
    }

    /// A finished run's summary fields; `verified` as the run decided it (see ``verified(_:lossy:)``).
    package static func summaryFields(_ r: MemoryRunSummary, verified: Bool) -> [String] {
        let s = r.scenario
        return [s.implementation, r.family, s.capacity.description, String(s.messageBytes),
                String(s.messages), String(r.baselineBytes), String(r.peakBytes), String(r.growthBytes),
                DecimalText.fixed(r.bytesPerQueuedMessage, 1), String(r.peakQueued), String(r.afterDrainBytes),
                DecimalText.fixed(r.producerSeconds, 4), DecimalText.fixed(r.consumerSeconds, 4), r.file,
                String(s.producers), consumerDelayMicroseconds(s), String(r.delivered), String(verified)]
    }

    /// A run without figures: what was asked, `reason` in the `file` column, the figures empty.
    package static func failedSummaryFields(_ s: MemoryScenario, family: String, reason: String) -> [String] {
        let known = ["impl": s.implementation, "family": family, "capacity": s.capacity.description,
                     "message_bytes": String(s.messageBytes), "messages": String(s.messages), "file": reason,
                     "producers": String(s.producers), "verified": "false"]
        return summaryColumns.map { known[$0] ?? "" }
    }

    /// The `consumer_delay_us` value (also in the `# parameters:` line).
    package static func consumerDelayMicroseconds(_ s: MemoryScenario) -> String {
        DecimalText.fixed(Double(s.consumerDelayNanoseconds) / 1000, 3)
    }

    /// Every message arrived (lossy channels: none arrived that was not sent).
    package static func verified(_ r: MemoryRunSummary, lossy: Bool) -> Bool {
        lossy ? r.delivered <= r.scenario.messages : r.delivered == r.scenario.messages
    }
}
