import Foundation
import BenchSupport

/// Runs a checked-in gnuplot script on a chart's data, as a child process that is stopped if
/// it hangs and cannot outlive chanbench.
package struct GnuplotRunner: Sendable {
    /// Folder of the `*.gp` scripts and `lib/setup.gp`.
    package var scripts: String
    package var timeoutSeconds: Double = 120

    package init(scripts: String) { self.scripts = scripts }

    package static var isAvailable: Bool { ChildProcess.output(ofTool: ["gnuplot", "--version"], timeout: 30) != nil }

    /// Writes the plan's data and variables into `work` and draws `<out>/<name>.png`.
    package func draw(_ plan: ChartPlan, work: String, out: String) throws(ReportError) {
        let script = (scripts as NSString).appendingPathComponent("\(plan.name).gp")
        let vars = (work as NSString).appendingPathComponent("\(plan.name).vars.gp")
        try ReportFiles.write(plan.variables.text, to: vars)
        for (name, text) in plan.dataFiles { try ReportFiles.write(text, to: (work as NSString).appendingPathComponent(name)) }
        let absoluteScripts = URL(fileURLWithPath: scripts).standardizedFileURL.path
        let output = URL(fileURLWithPath: (out as NSString).appendingPathComponent(plan.name)).standardizedFileURL.path
        let assignments = "FMT='png'; OUT='\(output)'; W=\(plan.width); H=\(plan.height); LIB='\(absoluteScripts)/lib'; VARS='\(vars)'"
        // gnuplot reads the data files by name from the work folder; its errors come on stdout.
        let child = ChildProcess(tool: ["sh", "-c", "cd \"$0\" && exec gnuplot -e \"$1\" \"$2\" 2>&1", work, assignments,
                                        URL(fileURLWithPath: script).standardizedFileURL.path])
        do { try child.start() } catch { throw .gnuplotFailed(chart: plan.name, message: "\(error)") }
        guard child.wait(timeout: timeoutSeconds) else {
            child.stop(grace: 1)
            throw .gnuplotFailed(chart: plan.name, message: "no result after \(Int(timeoutSeconds)) s (stopped)")
        }
        let text = String(decoding: child.output, as: UTF8.self)
        let firstProblem = text.split(separator: "\n").first { $0.lowercased().contains("error") || $0.contains("line ") }
        guard child.status == 0 else {
            throw .gnuplotFailed(chart: plan.name, message: firstProblem.map(String.init) ?? "exit status \(child.status)")
        }
        // An overlay with nothing to show (no lossy point in this panel) is expected; any other
        // warning means the chart is not what the script meant.
        let warnings = text.split(separator: "\n").filter {
            $0.lowercased().contains("warning") && !$0.contains("Skipping data file with no valid points")
        }
        if let first = warnings.first { throw .gnuplotFailed(chart: plan.name, message: String(first)) }
    }
}
