import Foundation
import Testing
import BenchModel

/// `chanbench import`, `history` and `run --shard/--history`, end to end.
@Suite(.serialized) struct HistoryCLITests {
    let cli = CLIEndToEndTests()

    /// `count` commits' CSVs of one configuration, 3 repetitions each, ns/msg ×`step` from `stepAt` on.
    func writeHistory(in dir: String, count: Int, stepAt: Int, step: Double) throws -> [String] {
        try (0..<count).map { i in
            let level = (i >= stepAt ? 100 * step : 100) * (1 + 0.01 * Double((i * 7) % 5 - 2))
            let path = dir + String(format: "/run-%02d.csv", i)
            let text = HistoryStoreTests.benchCSV(commit: String(format: "%02d%038d", i, 0), date: String(format: "2026-01-01T00:%02d:00Z", i),
                                                  nsPerMessage: [level, level * 1.01, level * 0.99])
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    @Test func importThenHistoryNamesTheCommitAndGatesOnlyAtHead() throws {
        try #require(CLIEndToEndTests.built, "build chanbench first")
        try withScratchDirectory { dir in
            let files = try writeHistory(in: dir, count: 14, stepAt: 7, step: 1.3)
            let imported = try cli.chanbench(["import", "--db", dir + "/h.sqlite"] + files, in: dir)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.components(separatedBy: "imported ").count - 1 == 14)
            let again = try cli.chanbench(["import", "--db", dir + "/h.sqlite", files[0]], in: dir)
            #expect(again.status == 0)
            #expect(again.stdout.contains("already in the history"))

            let text = try cli.chanbench(["history", "--db", dir + "/h.sqlite", "--fail-on-change-at-head"], in: dir)
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("0700000000 (#7)"), "\(text.stdout)")
            #expect(text.stdout.contains("slowdown"))

            let csv = try cli.chanbench(["history", "--db", dir + "/h.sqlite", "--format", "csv"], in: dir)
            #expect(csv.status == 0)
            let lines = csv.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(lines.first?.hasPrefix("machine_class,configuration,metric,") == true)
            #expect(lines.count == 2)
            #expect(csv.stdout.contains("# status: complete rows=1"))
            #expect(lines.last?.contains(",7,1.3") == true, "\(lines)")
        }
    }

    @Test func aSlowdownAtTheNewestCommitsFailsTheGate() throws {
        try #require(CLIEndToEndTests.built, "build chanbench first")
        try withScratchDirectory { dir in
            let files = try writeHistory(in: dir, count: 14, stepAt: 11, step: 1.3)
            #expect(try cli.chanbench(["import", "--db", dir + "/h.sqlite"] + files, in: dir).status == 0)
            let gate = try cli.chanbench(["history", "--db", dir + "/h.sqlite", "--fail-on-change-at-head"], in: dir)
            #expect(gate.status == 2)
            let errors = gate.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
            #expect(errors.count == 1)
            #expect(errors.first?.contains("1100000000") == true, "\(gate.stderr)")
            // A speed-up at head passes.
            try FileManager.default.createDirectory(atPath: dir + "/faster", withIntermediateDirectories: true)
            let faster = try writeHistory(in: dir + "/faster", count: 14, stepAt: 11, step: 0.7)
            #expect(try cli.chanbench(["import", "--db", dir + "/f.sqlite"] + faster, in: dir).status == 0)
            let passes = try cli.chanbench(["history", "--db", dir + "/f.sqlite", "--fail-on-change-at-head"], in: dir)
            #expect(passes.status == 0, "\(passes.stderr)")
            #expect(passes.stdout.contains("speedup"))
        }
    }

    @Test func badHistoryInputIsOneErrorLine() throws {
        try #require(CLIEndToEndTests.built, "build chanbench first")
        try withScratchDirectory { dir in
            let files = try writeHistory(in: dir, count: 2, stepAt: 9, step: 1)
            #expect(try cli.chanbench(["import", "--db", dir + "/h.sqlite"] + files, in: dir).status == 0)
            let cases: [([String], String)] = [
                (["import", "--db", dir + "/h.sqlite", dir + "/missing.csv"], "error: "),
                (["history", "--db", dir + "/empty.sqlite"], "error: history database"),
                (["history", "--db", dir + "/h.sqlite", "--machine", "m68k"], "error: no machine class 'm68k'"),
                (["history", "--db", dir + "/h.sqlite", "--metric", "speed"], "error: unknown metric 'speed'"),
                (["history", "--db", dir + "/h.sqlite", "--format", "xml"], "error: bad format 'xml'"),
                (["history", "--db", dir + "/h.sqlite", "--config", "no such"], "error: no configuration on machine class"),
                (["run", "--shard", "3/2"], "error: --shard: bad value '3/2'"),
            ]
            for (args, expected) in cases {
                let outcome = try cli.chanbench(args, in: dir)
                #expect(outcome.status == 1, "\(args)")
                let lines = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
                #expect(lines.count == 1 && lines[0].hasPrefix(expected), "\(args): \(outcome.stderr)")
            }
        }
    }

    @Test func shardedRunsShareTheMatrixAndAppendToTheHistory() throws {
        try #require(CLIEndToEndTests.built, "build chanbench first")
        try withScratchDirectory { dir in
            let matrix = ["run", "--impl", "null", "--workload", "spsc,mpsc,mpmc", "--producers", "1,2", "--consumers", "1,2",
                          "--capacity", "1,16,unbounded", "--messages", "200", "--repetitions", "1", "--warmup", "0",
                          "--mode", "throughput", "--quiet"]
            func keys(_ path: String) throws -> Set<String> {
                let file = try BenchCSVReader.read(path: path)
                return Set(try file.rows.map { try BenchConfigurationKey(row: $0, of: file, work: ["mode"]).description })
            }
            let whole = try cli.chanbench(matrix + ["--output", "whole.csv", "--no-history"], in: dir)
            #expect(whole.status == 0, "\(whole.stderr)")
            var union: [Set<String>] = []
            for k in 1...3 {
                let part = try cli.chanbench(matrix + ["--output", "part\(k).csv", "--shard", "\(k)/3", "--history", "h.sqlite"], in: dir)
                #expect(part.status == 0, "\(part.stderr)")
                #expect(part.stderr.contains("history: appended part\(k).csv"))
                union.append(try keys(dir + "/part\(k).csv"))
            }
            let all = try keys(dir + "/whole.csv")
            #expect(all.count > 6)
            #expect(union.reduce(Set<String>()) { $0.union($1) } == all)
            #expect(union.map(\.count).reduce(0, +) == all.count)
            #expect(!FileManager.default.fileExists(atPath: dir + "/results/history.sqlite"))
            // Forked runs shard the same way: each fork runs its parent's part.
            var forked: [Set<String>] = []
            for k in 1...2 {
                let part = try cli.chanbench(matrix + ["--output", "forked\(k).csv", "--shard", "\(k)/2", "--forks", "2",
                                                       "--no-history"], in: dir)
                #expect(part.status == 0, "\(part.stderr)")
                let file = try BenchCSVReader.read(path: dir + "/forked\(k).csv")
                #expect(Set(file.rows.compactMap { file.text("fork", in: $0) }) == ["1", "2"])
                forked.append(try keys(dir + "/forked\(k).csv"))
            }
            #expect(forked[0].isDisjoint(with: forked[1]))
            #expect(forked[0].union(forked[1]) == all)
            let imported = try cli.chanbench(["import", "--db", "h.sqlite", "part1.csv"], in: dir)
            #expect(imported.stdout.contains("already in the history"))
        }
    }

    /// `memory` appends its summary as run appends its CSV, and `history` follows its peak.
    @Test func memoryRunsJoinTheHistory() throws {
        try #require(CLIEndToEndTests.built, "build chanbench first")
        try withScratchDirectory { dir in
            // Clock-paced at 1 µs per message: 20000 messages take at least 20 ms, 3 samples at 1 ms however fast the machine.
            let memory = ["memory", "--impl", "ring", "--capacity", "16", "--messages", "20000", "--interval-ms", "1", "--producers", "1", "--in-process"]
            let appended = try cli.chanbench(memory + ["--output-dir", "out", "--history", "h.sqlite"], in: dir)
            #expect(appended.status == 0, "\(appended.stderr)")
            #expect(appended.stderr.contains("history: appended out/memory-summary.csv to h.sqlite"), "\(appended.stderr)")
            let again = try cli.chanbench(["import", "--db", "h.sqlite", "out/memory-summary.csv"], in: dir)
            #expect(again.stdout.contains("already in the history"))
            let history = try cli.chanbench(["history", "--db", "h.sqlite", "--metric", "peak_allocated_bytes", "--format", "csv"], in: dir)
            #expect(history.status == 0, "\(history.stderr)")
            let rows = history.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
            #expect(rows.count == 1)
            #expect(rows.first?.contains("ring memory p=1 c=1 cap=16 size=64 threads rate=1000000 memory") == true, "\(rows)")
            // Opted out, or written outside results/ without --history: no database.
            #expect(try cli.chanbench(memory + ["--output-dir", "quiet", "--history", "n.sqlite", "--no-history"], in: dir).status == 0)
            #expect(try cli.chanbench(memory + ["--output-dir", "elsewhere"], in: dir).status == 0)
            #expect(!FileManager.default.fileExists(atPath: dir + "/n.sqlite"))
            #expect(!FileManager.default.fileExists(atPath: dir + "/results/history.sqlite"))
        }
    }
}
