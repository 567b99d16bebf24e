import BenchSupport
import BenchModel
import BenchHistory

/// What the report shows of the results history: each configuration's series over commits on
/// one machine class, analysed for change points as `chanbench history` does (same detector,
/// defaults and seed, so the chart and the command never disagree).
package struct HistoryTrends: Sendable {
    /// The store, password removed.
    package var location: String
    package var machineClass: String
    package var metric: HistoryMetric
    /// Every configuration with more than one commit, by configuration.
    package var results: [HistoryAnalysis.Result]

    /// The most panels the chart draws: a 4×3 grid stays legible at 1500 px.
    package static let maximumPanels = 12

    /// Reads `store` and analyses every configuration measured at 2 or more commits, on
    /// `preferredClass` (the class of the bench file the report shows) when the store has it,
    /// else on the store's only class; an empty store has no configurations; several classes,
    /// none preferred, are an error (history never mixes them). `progress` hears how far the
    /// analysis got.
    package static func load(_ store: any ResultsStore, location: String, preferredClass: String?,
                             metric: HistoryMetric, progress: (String) -> Void = { _ in }) throws(HistoryError) -> HistoryTrends {
        let classes = try store.machineClasses().map(\.name)
        guard !classes.isEmpty else {
            return HistoryTrends(location: ResultsStoreLocation.redacted(location), machineClass: preferredClass ?? "none",
                                 metric: metric, results: [])
        }
        let machineClass = try store.machineClass(preferredClass.flatMap { classes.contains($0) ? $0 : nil }, location: location)
        let series = ConfigurationSeries.build(try store.samples(of: metric, machineClass: machineClass)).filter { $0.points.count > 1 }
        let analysis = HistoryAnalysis(metric: metric, detector: EDivisive())
        return HistoryTrends(location: ResultsStoreLocation.redacted(location), machineClass: machineClass, metric: metric,
                             results: analysis.analyse(series, progress: progress))
    }

    /// The configurations drawn: every one with a change point, slowdowns before speed-ups and
    /// the newest shift first within each, then the longest series without one, up to
    /// ``maximumPanels``; `true` when some were left out.
    package var shown: (results: [HistoryAnalysis.Result], truncated: Bool) {
        func rank(_ r: HistoryAnalysis.Result) -> (Int, Int, BenchConfigurationKey) {
            let newest = r.shifts.last!
            return (newest.isSlowdown ? 0 : 1, r.series.points.count - newest.index, r.series.configuration)
        }
        let changed = results.filter { !$0.shifts.isEmpty }.sorted { rank($0) < rank($1) }
        let flat = results.filter(\.shifts.isEmpty)
            .sorted { ($1.series.points.count, $0.series.configuration) < ($0.series.points.count, $1.series.configuration) }
        let picked = Array((changed + flat).prefix(Self.maximumPanels))
        return (picked, picked.count < results.count)
    }
}
