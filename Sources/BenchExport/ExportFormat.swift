/// The result formats `chanbench export` writes, each read by an existing tool.
package enum ExportFormat: String, CaseIterable, Sendable {
    /// github-action-benchmark's `customSmallerIsBetter` tool: an array of
    /// `{name, unit, value, range, extra}`.
    case githubAction = "github-action"
    /// JMH's `-rf json` result file, read by JMH Visualizer and the Jenkins JMH plugin.
    case jmh
    /// Bencher Metric Format: `{benchmark: {measure: {value, lower_value, upper_value}}}`.
    case bmf
}
