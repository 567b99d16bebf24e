import BenchSupport
/// The memory CSV formats (a public contract, like the bench CSV: charts and users' scripts
/// read them by header name).
package enum MemoryCSV {
    /// Columns of a per-run `results/memory-<impl>-<capacity>-<timestamp>.csv`.
    package static let sampleHeader =
        "impl,capacity,message_bytes,t_ms,allocated_bytes,resident_bytes,rss_bytes,queued,sent,received"

    /// Columns of `results/memory-summary.csv`.
    package static let summaryHeader =
        "impl,family,capacity,message_bytes,messages,baseline_bytes,peak_bytes,growth_bytes,bytes_per_queued_msg,peak_queued,after_drain_bytes,producer_seconds,consumer_seconds,file,producers,consumer_delay_us,delivered,verified"

    package static func sampleRow(_ s: MemoryScenario, _ m: MemorySample) -> String {
        [s.implementation, s.capacity.description, String(s.messageBytes),
         DecimalText.fixed(m.tMilliseconds, 3), String(m.reading.allocatedBytes), String(m.reading.residentBytes),
         String(m.reading.rssBytes), String(m.queued), String(m.sent), String(m.received)]
            .joined(separator: ",")
    }

    package static func summaryRow(_ r: MemoryRunSummary, lossy: Bool) -> String {
        let s = r.scenario
        return [s.implementation, r.family, s.capacity.description, String(s.messageBytes),
                String(s.messages), String(r.baselineBytes), String(r.peakBytes), String(r.growthBytes),
                DecimalText.fixed(r.bytesPerQueuedMessage, 1), String(r.peakQueued), String(r.afterDrainBytes),
                DecimalText.fixed(r.producerSeconds, 4), DecimalText.fixed(r.consumerSeconds, 4), r.file,
                String(s.producers), DecimalText.fixed(Double(s.consumerDelayNanoseconds) / 1000, 3),
                String(r.delivered), String(verified(r, lossy: lossy))]
            .joined(separator: ",")
    }

    /// Every message arrived (lossy channels: none arrived that was not sent).
    package static func verified(_ r: MemoryRunSummary, lossy: Bool) -> Bool {
        lossy ? r.delivered <= r.scenario.messages : r.delivered == r.scenario.messages
    }

}
