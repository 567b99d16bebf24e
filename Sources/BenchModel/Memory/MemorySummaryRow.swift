/// One row of `results/memory-summary.csv`: a run's figures, or why it has none. A memory child
/// process replies with one of these.
package enum MemorySummaryRow: Codable, Sendable, Equatable {
    /// A run that finished; `verified` is false if it lost messages, took too few samples or
    /// could not write its file.
    case measured(MemoryRunSummary, verified: Bool)
    /// A run without figures (it could not start, timed out or crashed): the summary still
    /// lists it, with `reason` in the `file` column.
    case failed(MemoryScenario, family: String, reason: String)

    package var verified: Bool {
        if case .measured(_, let verified) = self { return verified }
        return false
    }

    /// The CSV fields, in ``MemoryCSV/summaryColumns`` order.
    package var fields: [String] {
        switch self {
        case .measured(let summary, let verified): MemoryCSV.summaryFields(summary, verified: verified)
        case .failed(let scenario, let family, let reason): MemoryCSV.failedSummaryFields(scenario, family: family, reason: reason)
        }
    }

    /// The field of `column`, as written in the CSV.
    package subscript(column: String) -> String {
        MemoryCSV.summaryColumns.firstIndex(of: column).map { fields[$0] } ?? ""
    }
}
