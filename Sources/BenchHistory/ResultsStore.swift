import BenchModel

/// Where results across commits and machines are kept. SQLite (``SQLiteResultsStore``) is the
/// default; the protocol is what a PostgreSQL store for a fleet of runners implements too.
///
/// Guarantees every implementation keeps: ``record(_:)`` is atomic (a run is stored with all its
/// rows or not at all) and idempotent (a run whose content hash is stored already adds nothing).
package protocol ResultsStore: Sendable {
    /// Stores `run` and its measurements; `false` when it was stored already (nothing added).
    func record(_ run: StoredRun) throws(HistoryError) -> Bool
    /// Every machine class with its description and how many runs it has, by class name.
    func machineClasses() throws(HistoryError) -> [MachineClassSummary]
    /// Every verified measurement of `metric` on `machineClass`, with its run's commit and date.
    func samples(of metric: HistoryMetric, machineClass: String) throws(HistoryError) -> [HistorySample]
    /// How many runs and measurements the store holds.
    func counts() throws(HistoryError) -> (runs: Int, measurements: Int)
}

/// One machine class in a store.
package struct MachineClassSummary: Sendable, Equatable {
    package var name: String
    package var cpuModel: String
    package var cores: Int?
    package var build: String
    package var runs: Int
}

/// One figure of one repetition, where and when it was measured.
package struct HistorySample: Sendable, Equatable {
    package var configuration: BenchConfigurationKey
    package var commit: String
    package var date: String
    package var value: Double
}

extension ResultsStore {
    /// `requested` if the store has it, else the store's only machine class; several classes
    /// without a choice is an error (history never mixes them). `location` names the store in
    /// messages.
    package func machineClass(_ requested: String?, location: String) throws(HistoryError) -> String {
        let classes = try machineClasses().map(\.name)
        if let requested {
            guard classes.contains(requested) else { throw .unknownMachineClass(requested, known: classes) }
            return requested
        }
        guard let only = classes.first else { throw .noMachineClass(path: ResultsStoreLocation.redacted(location)) }
        if classes.count > 1 { throw .ambiguousMachineClass(classes) }
        return only
    }
}
