/// One chart to draw: the checked-in gnuplot script `plots/<name>.gp`, the variables and data
/// it is given, its size and the caption naming its data. Charts build a plan from the data in
/// hand, or say in one line why they have nothing to draw.
package struct ChartPlan: Sendable {
    package var name: String
    package var width: Int
    package var height: Int
    /// The `VARS` file's text (gnuplot assignments).
    package var variables: GnuplotVariables
    /// Data files to write next to the variables (name -> text).
    package var dataFiles: [String: String]
    /// What the chart shows and from which data (file, rows, commit).
    package var caption: String
}

/// The outcome of asking a chart for its plan.
package enum ChartOutcome: Sendable {
    case draw(ChartPlan)
    case skipped(name: String, reason: String)
}
