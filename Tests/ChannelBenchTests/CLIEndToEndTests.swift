import Foundation
import Testing
import BenchSupport
import BenchModel

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

    /// `input`: stdin (a request for `chanbench child`); else the test's own.
    func chanbench(_ args: [String], in directory: String, input: Data? = nil) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        p.standardOutput = out
        p.standardError = err
        if input != nil { p.standardInput = stdin }
        try p.run()
        if let input {
            try stdin.fileHandleForWriting.write(contentsOf: input)
            try stdin.fileHandleForWriting.close()
        }
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
        (["run", "--suite", "quick", "--mode", "latency"], "error: --mode cannot be combined with --suite"),
        (["run", "--mode", "fast"], "error: unknown mode 'fast'"),
        (["run", "--rate", "1000", "--mode", "throughput,latency"], "error: --rate paces every send on the clock"),
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
            // By default each configuration runs in throughput mode, then in latency mode.
            #expect(r.stderr.contains("[1/8] null spsc p=1 c=1 cap=unbounded size=8 throughput rep 1/2"))
            #expect(r.stderr.contains("[3/8] null spsc p=1 c=1 cap=unbounded size=8 latency rep 1/2"))
            #expect(r.stdout.contains("median ns/msg"))
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            let rows = lines.filter { !$0.hasPrefix("#") }.dropFirst()
            #expect(rows.count == 8)
            #expect(rows.allSatisfy { $0.contains(",true,false,0,,") })
            #expect(rows.filter { $0.hasSuffix(",throughput") }.count == 4)
            #expect(rows.filter { $0.hasSuffix(",latency") }.count == 4)
            #expect(lines.last == "# status: complete rows=8")
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
            // One mode: each mode is sized on its own, and this test is about the forks.
            let r = try chanbench(["run", "--impl", "null,condvar", "--workload", "spsc", "--capacity", "16", "--messages", "1000",
                                   "--mode", "throughput", "--repetitions", "2", "--min-time", "0.002", "--forks", "3", "--output", path])
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
            let matrix = ["run", "--impl", "null", "--workload", "spsc", "--capacity", "16", "--messages", "1000", "--repetitions", "1",
                          "--mode", "latency"]
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
            // Forked, every process measures it too: fork 1 from the file, the others from fork 1.
            let forked = dir + "/forked.csv"
            let c = try chanbench(matrix + ["--sizes-from", first, "--forks", "2", "--output", forked])
            #expect(c.status == 0, "stderr: \(c.stderr)")
            #expect(try table(forked).map { $0["messages"] } == [sized, sized])
        }
    }

    /// Each memory run is a child process; its summary row comes back to the parent's summary.
    @Test(.enabled(if: CLIEndToEndTests.built))
    func memoryRunsInChildProcessesAndKeepsTheirSummaries() throws {
        try withScratchDirectory { dir in
            let r = try chanbench(["memory", "--impl", "condvar", "--capacity", "1024,unbounded", "--messages", "20000",
                                   "--output-dir", "out"], in: dir)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            #expect(r.stderr.contains("[2/2] memory condvar cap=unbounded"))
            let summary = try String(contentsOfFile: dir + "/out/memory-summary.csv", encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(summary.first.map(String.init) == MemoryCSV.summaryColumns.joined(separator: ","))
            #expect(summary.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
                == ["condvar,lock,1024", "condvar,lock,unbounded"])
            for row in summary.dropFirst() {
                let file = String(row.split(separator: ",", omittingEmptySubsequences: false)[13])
                #expect(file.hasPrefix("out/memory-condvar-") && FileManager.default.fileExists(atPath: dir + "/" + file))
                #expect(row.hasSuffix(",20000,true"))
            }
        }
    }

    /// `chanbench child` as a parent starts it: a request on stdin, the reply on stdout.
    @Test(.enabled(if: CLIEndToEndTests.built))
    func childRepliesToAMemoryRunRequest() throws {
        try withScratchDirectory { dir in
            let scenario = MemoryScenario(implementation: "ring", capacity: .bounded(1024), producers: 2, messages: 20_000,
                                          messageBytes: 64, consumerDelayNanoseconds: 1_000, intervalMilliseconds: 10)
            let request = ChildRequest.memoryRun(MemoryRunRequest(scenario: scenario, directory: dir, timestamp: "T",
                                                                  command: ["chanbench", "memory", "--impl", "ring"]))
            let r = try chanbench(["child"], in: dir, input: try ChildMessage.encode(request))
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let reply = try ChildMessage.decode(MemorySummaryRow.self, from: Data(r.stdout.utf8))
            guard case .measured(let summary, let verified) = reply else {
                Issue.record("no figures: \(reply)")
                return
            }
            #expect(verified && summary.scenario == scenario && summary.delivered == 20_000)
            let file = try String(contentsOfFile: summary.file, encoding: .utf8)
            #expect(file.contains("# command: chanbench memory --impl ring"), "the parent's command, not the child's")

            let bad = try chanbench(["child"], in: dir, input: Data("impl=ring".utf8))
            #expect(bad.status == 1)
            #expect(bad.stderr.hasPrefix("error: ") && bad.stderr.split(separator: "\n").count == 1, "stderr: \(bad.stderr)")
        }
    }

    @Test(.enabled(if: CLIEndToEndTests.built))
    func listShowsImplementationsWorkloadsAndSuites() throws {
        let r = try chanbench(["list"])
        #expect(r.status == 0)
        for word in ["null", "baseline", "pingpong", "quick", "default", "full"] { #expect(r.stdout.contains(word)) }
    }
}
