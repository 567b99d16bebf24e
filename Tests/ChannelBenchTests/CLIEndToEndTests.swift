import Foundation
import Testing

/// Runs the built `chanbench` executable (from `swift build`/`swift test`, debug) end to end.
@Suite(.serialized) struct CLIEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/chanbench").path
    static var built: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    struct Outcome { let status: Int32; let stdout: String; let stderr: String }

    /// Runs chanbench in a scratch directory of its own (so nothing it writes outlives the test).
    func chanbench(_ args: [String]) throws -> Outcome {
        try withScratchDirectory { cwd in try chanbench(args, in: cwd) }
    }

    func chanbench(_ args: [String], in directory: String) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static let badInputs: [([String], String)] = [
        (["run", "--impl", "nope"], "error: unknown implementation 'nope'"),
        (["run", "--workload", "spcs"], "error: unknown workload 'spcs'"),
        (["run", "--capacity=-1"], "error: bad capacity '-1'"),
        (["run", "--capacity", "lots"], "error: bad capacity 'lots'"),
        (["run", "--producers", "0"], "error: --producers must be at least 1"),
        (["run", "--consumers", "0"], "error: --consumers must be at least 1"),
        (["run", "--workload", "mpsc", "--producers", "3", "--messages", "1000"], "error: --messages 1000 is not divisible by 3"),
        (["run", "--message-size", "4"], "error: --message-size must be at least 8"),
        (["run", "--suite", "huge"], "error: unknown suite 'huge'"),
        (["run", "--suite", "quick", "--capacity", "1"], "error: --capacity cannot be combined with --suite"),
        (["run", "--impl", "null", "--workload", "spsc", "--capacity", "unbounded", "--messages", "10",
          "--output", "/proc/chanbench-none/x.csv"], "error: cannot write output '/proc/chanbench-none/x.csv'"),
        (["run", "--messages", "many"], "error: "),
        (["run", "--repetitions", "0"], "error: --repetitions must be at least 1"),
        (["run", "--min-time=-1"], "error: bad value '-1.0' for --min-time"),
        (["run", "--min-time", "0.5", "--max-time", "0.1"], "error: --max-time 0.1 is below --min-time 0.5"),
        (["run", "--min-time", "0.01", "--warmup", "0"], "error: --min-time/--max-time need --warmup >= 1"),
        (["run", "--forks", "0"], "error: --forks must be at least 1"),
        (["run", "--sizes-from", "/nonexistent/base.csv"], "error: --sizes-from: /nonexistent/base.csv: no such file"),
        (["run", "--impl", "condvar", "--impl", "ring"], "error: --impl given more than once"),
        (["run", "--impl", "ring", "--capacity", "4611686018427387904"], "error: --capacity 4611686018427387904 is above the largest bounded capacity"),
        (["run", "--run-timeout", "0"], "error: --run-timeout must be a positive number of seconds"),
        (["run", "--message-size", "0"], "error: --message-size must be at least 8"),
        (["run", "--impl", "null", "--workload", "spsc", "--capacity", "unbounded", "--messages", "10",
          "--output", "/dev/full"], "error: writing /dev/full: No space left on device (kept 0 complete rows)"),
        (["verify", "--impl", "null"], "error: 'null' is not verifiable"),
        (["verify", "--check", ""], "error: --check needs at least one check name"),
    ]

    @Test(.enabled(if: CLIEndToEndTests.built), arguments: CLIEndToEndTests.badInputs)
    func badInputIsOneLineAndExitOne(_ args: [String], _ expected: String) throws {
        let r = try chanbench(args)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(r.stderr)")
        #expect(r.stderr.hasPrefix(expected), "stderr: \(r.stderr)")
    }

    @Test(.enabled(if: CLIEndToEndTests.built))
    func smallRunWritesAVerifiedCSV() throws {
        try withScratchDirectory { dir in
            let path = dir + "/e2e.csv"
            let r = try chanbench(["run", "--impl", "null", "--workload", "spsc,mpmc", "--producers", "2", "--consumers", "2",
                                   "--capacity", "unbounded", "--messages", "1000", "--repetitions", "2", "--warmup", "0",
                                   "--output", path])
            #expect(r.status == 0, "stderr: \(r.stderr)")
            #expect(r.stderr.contains("[1/4] null spsc p=1 c=1 cap=unbounded size=8 rep 1/2"))
            #expect(r.stdout.contains("median ns/msg"))
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            let rows = lines.filter { !$0.hasPrefix("#") }.dropFirst()
            #expect(rows.count == 4)
            #expect(rows.allSatisfy { $0.contains(",true,false,0,,") })
            #expect(lines.last == "# status: complete rows=4")
        }
    }

    /// Data rows of a bench CSV as dictionaries keyed by column name.
    func table(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        let header = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    @Test(.enabled(if: CLIEndToEndTests.built))
    func forksRunInSeparateProcessesWithTheSameMessageCounts() throws {
        try withScratchDirectory { dir in
            let path = dir + "/forks.csv"
            let r = try chanbench(["run", "--impl", "null,condvar", "--workload", "spsc", "--capacity", "16", "--messages", "1000",
                                   "--repetitions", "2", "--min-time", "0.002", "--forks", "3", "--output", path])
            #expect(r.status == 0, "stderr: \(r.stderr)")
            #expect(r.stderr.contains("fork 3/3 [1/6]"), "progress names the fork")
            #expect(r.stdout.contains("median ns/msg"))
            let metadata = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("# parameters:") }
            #expect(metadata.count == 1 && metadata[0].contains("forks=3"), "one metadata block for the merged file")
            let rows = try table(path)
            #expect(rows.count == 2 * 2 * 3)
            #expect(Set(rows.compactMap { $0["fork"] }) == ["1", "2", "3"])
            for impl in ["null", "condvar"] {
                let counts = Set(rows.filter { $0["impl"] == impl }.compactMap { $0["messages"] })
                #expect(counts.count == 1, "\(impl): every fork measures fork 1's count, got \(counts)")
            }
            #expect(rows.allSatisfy { $0["verified"] == "true" })
        }
    }

    @Test(.enabled(if: CLIEndToEndTests.built))
    func sizesFromReusesAnEarlierRunsMessageCounts() throws {
        try withScratchDirectory { dir in
            let first = dir + "/first.csv"
            let second = dir + "/second.csv"
            let matrix = ["run", "--impl", "null", "--workload", "spsc", "--capacity", "16", "--messages", "1000", "--repetitions", "1"]
            // A minimum far beyond reach makes the sizing hit its x64 cap whatever the machine's
            // speed, so the count the second run must reuse is known without timing assumptions.
            let a = try chanbench(matrix + ["--min-time", "30", "--output", first])
            #expect(a.status == 0, "stderr: \(a.stderr)")
            let sized = try #require(try table(first).first?["messages"])
            #expect(sized == "64000", "x64, the growth cap")
            // Without sizing of its own, the second run still measures the first run's count.
            let b = try chanbench(matrix + ["--sizes-from", first, "--output", second])
            #expect(b.status == 0, "stderr: \(b.stderr)")
            #expect(try table(second).first?["messages"] == sized)
        }
    }

    @Test(.enabled(if: CLIEndToEndTests.built))
    func listShowsImplementationsWorkloadsAndSuites() throws {
        let r = try chanbench(["list"])
        #expect(r.status == 0)
        for word in ["null", "baseline", "pingpong", "quick", "default", "full"] { #expect(r.stdout.contains(word)) }
    }
}
