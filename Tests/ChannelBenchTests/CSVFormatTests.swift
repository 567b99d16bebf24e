import Foundation
import Testing
import Channels
@testable import BenchSupport
@testable import BenchModel
@testable import BenchReport

@Suite struct CSVFormatTests {
    static let contractHeader = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified"

    func config(_ cap: ChannelCapacity) -> RunConfiguration {
        RunConfiguration(implementation: TestDescriptors.good, workload: .mpmc, producers: 2, consumers: 3,
                         capacity: cap, messageBytes: 64, messages: 1000)
    }

    @Test func headerStartsWithTheContractColumnsInOrder() {
        #expect(BenchCSV.columns.joined(separator: ",").hasPrefix(Self.contractHeader + ","))
        #expect(BenchCSV.contractColumns.joined(separator: ",") == Self.contractHeader)
    }

    @Test func verifiedRowCarriesFiguresAndUnboundedIsSpelledOut() {
        let m = RunMetrics(seconds: 0.5, messagesPerSecond: 2000, nanosecondsPerMessage: 500_000, cpuUserSeconds: 0.25,
                           cpuSystemSeconds: 0.125, voluntaryContextSwitches: 3, involuntaryContextSwitches: 4,
                           allocationsPerMessage: 1.5, peakAllocatedBytes: 1000, peakResidentBytes: 2000,
                           latency: LatencySummary(p50: 1, p90: 2, p99: 3, p999: 4, max: 5))
        let r = RunResult(configuration: config(.unbounded), repetition: 2, failure: nil, lostMessages: 0, metrics: m)
        let row = Dictionary(uniqueKeysWithValues: zip(BenchCSV.columns, BenchCSV.row(r)))
        #expect(row["capacity"] == "unbounded")
        #expect(row["impl"] == "test-good" && row["family"] == "test" && row["driver"] == "threads")
        #expect(row["workload"] == "mpmc" && row["producers"] == "2" && row["consumers"] == "3")
        #expect(row["message_bytes"] == "64" && row["messages"] == "1000" && row["repetition"] == "2")
        #expect(row["seconds"] == "0.500000" && row["ns_per_msg"] == "500000.00" && row["msgs_per_sec"] == "2000")
        #expect(row["allocs_per_msg"] == "1.500" && row["lat_p999_ns"] == "4" && row["lat_max_ns"] == "5")
        #expect(row["verified"] == "true" && row["failure"] == "")
        let bounded = RunResult(configuration: config(.bounded(1024)), repetition: 1, failure: nil, lostMessages: 0, metrics: m)
        #expect(BenchCSV.row(bounded)[6] == "1024")
    }

    @Test func failedRowHasNoFigures() {
        let m = RunMetrics(seconds: 1, messagesPerSecond: 1, nanosecondsPerMessage: 1, cpuUserSeconds: 1, cpuSystemSeconds: 1,
                           voluntaryContextSwitches: 1, involuntaryContextSwitches: 1, allocationsPerMessage: 1,
                           peakAllocatedBytes: 1, peakResidentBytes: 1, latency: nil)
        let r = RunResult(configuration: config(.bounded(1)), repetition: 1, failure: "exactly-once: 3 of 1000 messages lost",
                          lostMessages: 3, metrics: m)
        #expect(r.metrics == nil)
        let row = Dictionary(uniqueKeysWithValues: zip(BenchCSV.columns, BenchCSV.row(r)))
        for figure in BenchCSV.contractColumns[10..<25] { #expect(row[figure] == "", "\(figure) must be empty") }
        #expect(row["verified"] == "false")
        #expect(row["failure"] == "exactly-once: 3 of 1000 messages lost")
    }

    @Test func writerWritesMetadataHeaderAndFlushedRows() throws {
        try withScratchDirectory { dir in
            let meta = RunMetadata.collect(command: ["chanbench", "run", "--impl", "a b"], parameters: "suite=quick")
            let w = try CSVWriter(path: "\(dir)/out.csv", metadata: meta, columns: ["a", "b"], mirrors: ["\(dir)/latest.csv"], exclusive: true)
            try w.write(row: ["1", "x,y"])
            // Flushed before close: readable now. The mirror replaces latest.csv only at the end.
            let mid = try String(contentsOfFile: "\(dir)/out.csv", encoding: .utf8)
            #expect(mid.hasSuffix("a,b\n1,\"x,y\"\n"))
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/latest.csv"))
            try w.close()
            for path in ["\(dir)/out.csv", "\(dir)/latest.csv"] {
                let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
                let meta = lines.prefix { $0.hasPrefix("#") }
                let keys = meta.map { $0.dropFirst(2).split(separator: ":").first.map(String.init) ?? "" }
                for k in ["git_commit", "date", "swift_version", "os", "cpu_model", "cores", "command", "parameters"] {
                    #expect(keys.contains(k), "missing metadata \(k)")
                }
                #expect(meta.contains("# command: chanbench run --impl 'a b'"))
                #expect(meta.contains("# parameters: suite=quick"))
                #expect(lines[meta.count] == "a,b")
                #expect(lines.last == "# status: complete rows=1")
            }
        }
    }

    @Test func aFullDeviceIsAnErrorThatCountsTheKeptRows() {
        let meta = RunMetadata(fields: [("k", "v")])
        #expect {
            _ = try CSVWriter(path: "/dev/full", metadata: meta, columns: ["a"], exclusive: false)
        } throws: { error in
            guard case .writeFailed(let e) = error as? BenchInputError else { return false }
            return e.path == "/dev/full" && e.keptRows == 0 && e.description.hasPrefix("writing /dev/full: ")
        }
    }

    @Test func replacedFilesChangeOnlyWhenFinishedAndSayHowTheyEnded() throws {
        try withScratchDirectory { dir in
            let path = "\(dir)/summary.csv"
            try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
            let w = try CSVWriter(path: path, metadata: RunMetadata(fields: [("k", "v")]), columns: ["a"], exclusive: false)
            try w.write(row: ["1"])
            try w.write(row: ["2"])
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
            try w.finish(complete: false)
            try w.write(row: ["3"])  // after an interrupt finished the file: dropped
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasSuffix("a\n1\n2\n# status: interrupted rows=2\n"))
            // No temporary file is left beside it.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["summary.csv"])
            #expect(CSVTrailer.parse(metadataLine: "status: interrupted rows=2") == .interrupted(rows: 2))
            #expect(CSVTrailer.parse(metadataLine: "status: complete rows=7") == .complete(rows: 7))
            #expect(CSVTrailer.parse(metadataLine: "status: fine") == nil)
        }
    }

    @Test func aKilledWritersTemporaryFileIsRemovedByTheNextOne() throws {
        try withScratchDirectory { dir in
            // pid 0x7fffffff cannot exist (pid_max is at most 2^22); this process's own must stay.
            let dead = "\(dir)/.latest.csv.2147483647.1.tmp", alive = "\(dir)/.latest.csv.\(getpid()).1.tmp"
            for p in [dead, alive] { #expect(FileManager.default.createFile(atPath: p, contents: Data())) }
            let w = try CSVWriter(path: "\(dir)/latest.csv", metadata: RunMetadata(fields: [("k", "v")]), columns: ["a"], exclusive: false)
            try w.close()
            #expect(!FileManager.default.fileExists(atPath: dead))
            #expect(FileManager.default.fileExists(atPath: alive))
        }
    }

    @Test func exclusiveWriterNeverOverwrites() throws {
        try withScratchDirectory { dir in
            let meta = RunMetadata(fields: [("k", "v")])
            _ = try CSVWriter(path: "\(dir)/r.csv", metadata: meta, columns: ["a"], exclusive: true)
            #expect(throws: BenchInputError.self) {
                try CSVWriter(path: "\(dir)/r.csv", metadata: meta, columns: ["a"], exclusive: true)
            }
            // The timestamped name steps around an existing file.
            let d = Date()
            let first = BenchCSV.timestampedPath(directory: dir, date: d)
            _ = FileManager.default.createFile(atPath: first, contents: Data())
            let second = BenchCSV.timestampedPath(directory: dir, date: d)
            #expect(first != second && second.hasSuffix("-2.csv"))
        }
    }

    @Test func summaryTableShowsMediansAndFailures() {
        func r(_ cap: ChannelCapacity, _ ns: Double?, rep: Int) -> RunResult {
            let m = ns.map {
                RunMetrics(seconds: 1, messagesPerSecond: 1, nanosecondsPerMessage: $0, cpuUserSeconds: 0, cpuSystemSeconds: 0,
                           voluntaryContextSwitches: 0, involuntaryContextSwitches: 0, allocationsPerMessage: nil,
                           peakAllocatedBytes: nil, peakResidentBytes: nil, latency: nil)
            }
            return RunResult(configuration: config(cap), repetition: rep, failure: ns == nil ? "x" : nil, lostMessages: 0, metrics: m)
        }
        let text = SummaryTable.render([r(.bounded(1), 300, rep: 1), r(.bounded(1), 100, rep: 2), r(.bounded(1), 200, rep: 3),
                                        r(.unbounded, nil, rep: 1)])
        let lines = text.split(separator: "\n")
        #expect(lines[1].contains("cap 1") && lines[1].contains("cap unbounded"))
        #expect(lines[3].contains("test-good") && lines[3].contains("200") && lines[3].contains("FAIL"))
    }
}
