/// The output formats of `chanbench compare --format`.
package enum CompareReportFormat: String, CaseIterable, Sendable {
    /// An aligned table for terminals and CI logs.
    case text
    /// A GitHub-flavoured table for a CI job summary.
    case markdown
    /// The compare CSV contract, for scripts.
    case csv

    /// Renders `comparison` in this format. All formats list configurations worst first.
    package func render(_ comparison: BenchComparison) -> String {
        switch self {
        case .text: return CompareTextReport.render(comparison)
        case .markdown: return CompareMarkdownReport.render(comparison)
        case .csv: return CompareCSVReport.render(comparison)
        }
    }
}
