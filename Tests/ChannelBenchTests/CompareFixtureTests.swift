import Foundation
import Testing
@testable import BenchModel
@testable import BenchCompare

/// The acceptance fixtures, through the library and through the real `chanbench` binary.
@Suite struct CompareFixtureTests {
    private func compare(_ base: String, _ new: String, options: CompareOptions = .init()) throws -> BenchComparison {
        try BenchComparator.compare(base: BenchCSVReader.read(path: fixture(base)),
                                    new: BenchCSVReader.read(path: fixture(new)), options: options)
    }

    private let ringSPSC = BenchConfigurationKey(impl: "ring", workload: "spsc", producers: 1, consumers: 1,
                                                  capacity: .bounded(1024), messageBytes: 64, driver: "threads")

    @Test func knownThirtyPercentSlowdownIsARegressionNamingTheConfiguration() throws {
        let result = try compare("base.csv", "slowdown-30.csv")
        #expect(result.failsGate)
        let worst = try #require(result.configurations.first)
        #expect(worst.key == ringSPSC)
        #expect(worst.verdict == .regression)
        #expect(abs(try #require(worst.ratio) - 1.30) < 0.005)
        let interval = try #require(worst.interval)
        #expect(interval.low > 1.05 && interval.low <= 1.30 && 1.30 <= interval.high)
        #expect(result.configurations.dropFirst().allSatisfy { $0.verdict == .unchanged })
        for format in CompareReportFormat.allCases {
            #expect(format.render(result).contains(format == .csv ? "ring,lock-free,threads,spsc,1,1,1024,64" : ringSPSC.description))
        }
    }

    @Test func smallSamplesAreFlaggedInTheReport() throws {
        let result = try compare("base.csv", "slowdown-30.csv")
        #expect(result.warnings.contains { $0.contains("4 of 4 configurations have too few samples for the rank test (3 vs 3)") })
        #expect(CompareReportFormat.markdown.render(result).contains("too few samples"))
    }

    /// The obvious A/A: two plain runs of one binary, 20 repetitions each, one process a side.
    /// Their processes sit up to 21 % apart, which per-repetition statistics called regressions.
    @Test func onePlainRunPerSideIsInconclusiveNeverARegression() throws {
        let result = try compare("one-process-base.csv", "one-process-new.csv")
        #expect(!result.failsGate)
        #expect(result.configurations.count == 6)
        #expect(result.configurations.allSatisfy { $0.verdict == .inconclusive && $0.baseValues.count == 1 })
        let ring = try #require(result.configurations.first { $0.key.impl == "ring" && $0.key.workload == "spsc" })
        #expect(abs(try #require(ring.ratio) - 1.12) < 0.01, "the medians are still reported")
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.contains("6 of 6 configurations are inconclusive") == true)
        #expect(CompareReportFormat.markdown.render(result).contains("⚠️ no regression shown, 6 inconclusive"))
        #expect(CompareReportFormat.csv.render(result).contains(",inconclusive,"))
    }

    /// The same figures with each repetition its own process are evidence, and a spread-out one.
    @Test func eachProcessIsOneSample() throws {
        let result = try compare("base.csv", "slowdown-30.csv")
        #expect(result.configurations.allSatisfy { $0.baseValues.count == 3 && $0.newValues.count == 3 })
        #expect(!result.configurations.contains { $0.verdict == .inconclusive })
        #expect(CompareReportFormat.text.render(result).contains("3/3 procs"))
    }

    @Test func identicalFilesAreUnchanged() throws {
        let result = try compare("base.csv", "base.csv")
        #expect(!result.failsGate)
        #expect(result.configurations.count == 4)
        #expect(result.configurations.allSatisfy { $0.verdict == .unchanged && $0.ratio == 1 })
    }

    @Test func threePercentJitterIsUnchanged() throws {
        let result = try compare("base.csv", "jitter-3.csv")
        #expect(!result.failsGate)
        #expect(result.configurations.allSatisfy { $0.verdict == .unchanged })
    }

    @Test func thirtyPercentPassesAGenerousCatastropheThreshold() throws {
        let result = try compare("base.csv", "slowdown-30.csv", options: .init(threshold: CompareThreshold(parsing: "3x")))
        #expect(!result.failsGate)
    }

    @Test func unverifiedRowsAreFailures() throws {
        let result = try compare("base.csv", "failed.csv")
        #expect(result.failsGate)
        let first = try #require(result.configurations.first)
        #expect(first.verdict == .failed)
        #expect(first.key.impl == "condvar")
        #expect(first.newValues.count == 2)  // the failed repetition contributes no number
        #expect(result.count(.failed) == 1)
    }

    @Test func failedRowsInBaseAreExcludedNotFailures() throws {
        let result = try compare("failed.csv", "base.csv")
        #expect(!result.failsGate)
        let condvar = try #require(result.configurations.first { $0.key.impl == "condvar" })
        #expect(condvar.verdict == .unchanged)
        #expect(condvar.baseValues.count == 2)
        #expect(condvar.notes.contains { $0.contains("BASE had 1 failed") })
    }

    @Test func missingAndNewConfigurations() throws {
        let result = try compare("base.csv", "missing-new.csv")
        #expect(!result.failsGate)
        #expect(result.configurations.first { $0.key.impl == "dispatch" }?.verdict == .missing)
        #expect(result.configurations.first { $0.key.impl == "actor" }?.verdict == .new)
        #expect(result.count(.unchanged) == 3)
        // Worst first: measured ones before unmatched ones, missing before new.
        #expect(result.configurations.map(\.verdict).suffix(2) == [.missing, .new])
    }

    @Test func noOverlapIsBadInput() throws {
        let base = try fixture("base.csv"), other = try fixture("no-overlap.csv")
        #expect(throws: CompareError.noOverlap(basePath: base, newPath: other)) {
            try BenchComparator.compare(base: BenchCSVReader.read(path: base), new: BenchCSVReader.read(path: other))
        }
    }

    @Test func metricAbsentFromAFileIsBadInput() throws {
        let text = "impl,driver,workload,producers,consumers,capacity,message_bytes,verified\nring,threads,spsc,1,1,1024,64,true\n"
        let thin = try BenchCSVReader.parse(text, path: "thin.csv")
        #expect(throws: CompareError.file(.metricNotInFile(path: "thin.csv", metric: "ns_per_msg"))) {
            try BenchComparator.compare(base: thin, new: thin)
        }
    }

    @Test func latencyMetricIsSelectable() throws {
        let options = CompareOptions(metric: try CompareMetric(named: "lat_p99_ns"))
        let result = try compare("base.csv", "slowdown-30.csv", options: options)
        #expect(result.configurations.first?.verdict == .regression)
        #expect(result.configurations.first?.metric.name == "lat_p99_ns")
    }

    @Test func outputIsDeterministic() throws {
        let a = try compare("base.csv", "jitter-3.csv"), b = try compare("base.csv", "jitter-3.csv")
        #expect(CompareReportFormat.csv.render(a) == CompareReportFormat.csv.render(b))
    }

    @Test func csvReportFollowsTheContract() throws {
        let csv = CompareReportFormat.csv.render(try compare("base.csv", "missing-new.csv"))
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "impl,family,driver,workload,producers,consumers,capacity,message_bytes,metric,base_n,new_n,base_median,new_median,ratio,ci_low,ci_high,p_value,verdict,p_adjusted,mde")
        #expect(lines.count == 7)
        #expect(lines.last == "# status: complete rows=5")
        for line in lines.dropFirst().dropLast() {
            let fields = CSVLineSplitter.fields(of: Substring(line))
            #expect(fields.count == 20)
            #expect(CompareVerdict(rawValue: fields[17]) != nil)
            // Judged rows carry the corrected p (never below the raw one); unmatched rows none.
            if let raw = Double(fields[16]), let adjusted = Double(fields[18]) { #expect(adjusted >= raw) }
        }
        #expect(lines.contains("actor,actor,tasks,spsc,1,1,64,64,ns_per_msg,0,3,,900.0,,,,,new,,"))
    }

    @Test func markdownIsATableWorstFirst() throws {
        let md = CompareReportFormat.markdown.render(try compare("base.csv", "slowdown-30.csv"))
        #expect(md.contains("1 regression"))
        let tableRows = md.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(tableRows.count == 5)  // header + 4 configurations
        #expect(tableRows[1].contains("**regression**") && tableRows[1].contains("ring spsc"))
        #expect(tableRows[1].contains("[1.2"))
    }
}

/// Runs the built `chanbench` and checks the documented exit codes and the one-line errors.
@Suite(.enabled(if: chanbenchBinary() != nil, "chanbench binary not built next to the tests"))
struct CompareCommandLineTests {
    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chanbenchBinary()))
        process.arguments = ["compare"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test func slowdownExitsTwoAndNamesTheConfiguration() throws {
        let r = try run([try fixture("base.csv"), try fixture("slowdown-30.csv")])
        #expect(r.status == 2)
        #expect(r.stdout.contains("REGRESSION  ring spsc p=1 c=1 cap=1024 size=64 threads"))
    }

    @Test func onePlainRunPerSideExitsZeroWithOneLineOnHowToGetEvidence() throws {
        let r = try run([try fixture("one-process-base.csv"), try fixture("one-process-new.csv")])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("REGRESSION"))
        let hints = r.stdout.split(separator: "\n").filter { $0.contains("inconclusive:") }
        #expect(hints.count == 1)
        #expect(hints.first?.contains("--forks 8") == true && hints.first?.contains("make compare") == true)
    }

    @Test(arguments: ["base.csv", "jitter-3.csv", "missing-new.csv", "reordered.csv"])
    func noRegressionExitsZero(new: String) throws {
        let r = try run([try fixture("base.csv"), try fixture(new)])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
    }

    @Test func failedRowsExitTwo() throws {
        #expect(try run([try fixture("base.csv"), try fixture("failed.csv")]).status == 2)
    }

    @Test(arguments: [
        (["base.csv", "malformed.csv"], "malformed.csv:15: bad value '31o.5' in column ns_per_msg"),
        (["base.csv", "not-bench.csv"], "not a ChannelBench CSV"),
        (["base.csv", "no-overlap.csv"], "no configuration in common"),
        (["base.csv", "absent.csv"], "absent.csv: no such file"),
        (["base.csv", "base.csv", "--threshold", "lots"], "bad threshold 'lots'"),
        (["base.csv", "base.csv", "--metric", "speed"], "unknown metric 'speed'"),
        (["base.csv", "base.csv", "--format", "html"], "bad format 'html'"),
    ])
    func badInputExitsOneWithOneLine(arguments: [String], message: String) throws {
        let resolved = try arguments.map { $0.hasSuffix(".csv") ? try fixture($0) : $0 }
        let r = try run(resolved)
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("chanbench compare: error: "))
        #expect(r.stderr.contains(message))
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func markdownAndCSVFormats() throws {
        let md = try run(["--format", "markdown", try fixture("base.csv"), try fixture("slowdown-30.csv")])
        #expect(md.status == 2 && md.stdout.hasPrefix("### ChannelBench compare"))
        #expect(md.stderr.contains("1 regression"))
        let csv = try run(["--format", "csv", try fixture("base.csv"), try fixture("base.csv")])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("impl,family,driver,"))
    }
}

/// The `chanbench` executable SwiftPM built beside this test bundle, if any.
func chanbenchBinary() -> String? {
    guard let resources = Bundle.module.resourceURL else { return nil }
    // The resource bundle sits in the build products folder (.build/debug or a scratch path).
    for directory in [resources.deletingLastPathComponent(), resources.deletingLastPathComponent().deletingLastPathComponent()] {
        let candidate = directory.appendingPathComponent("chanbench").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
