import Foundation
import Testing
@testable import BenchModel
@testable import BenchExport

/// `chanbench export`'s formats, from a small bench CSV with a warmup row, a failed repetition
/// and a configuration that never passed its checks.
@Suite struct ExportFormatsTests {
    static let header = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,seconds,"
        + "msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,peak_allocated_bytes,"
        + "peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified,fork,mode"

    static func row(_ impl: String, repetition: Int, ns: String, allocs: String, p50: String = "", p99: String = "",
                    verified: Bool = true, fork: Int = 1, mode: String = "throughput") -> String {
        "\(impl),x,threads,spsc,1,1,1024,8,1000,\(repetition),0.001,1000000,\(ns),0,0,0,0,\(allocs),0,0,\(p50),,\(p99),,,"
            + "\(verified),\(fork),\(mode)"
    }

    static let csv = (["# git_commit: abc1234", "# parameters: impl=ring,condvar", header,
                       row("ring", repetition: 0, ns: "999", allocs: "9"),          // warmup: left out
                       row("ring", repetition: 1, ns: "30", allocs: "0.0000", fork: 1),
                       row("ring", repetition: 2, ns: "10", allocs: "0.0000", fork: 2),
                       row("ring", repetition: 3, ns: "20", allocs: "0.0020", fork: 3),
                       row("ring", repetition: 4, ns: "500", allocs: "1", verified: false),  // failed: left out
                       row("ring", repetition: 1, ns: "50", allocs: "0", p50: "100", p99: "400", mode: "latency"),
                       row("condvar", repetition: 1, ns: "300", allocs: "0", verified: false),
                       "# status: complete rows=8"]).joined(separator: "\n") + "\n"

    func exporter() throws -> BenchExporter {
        try BenchExporter(file: BenchCSVReader.parse(Self.csv, path: "fixture.csv"))
    }

    func json(_ format: ExportFormat) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(exporter().render(format).utf8))
    }

    static let throughputName = "ring spsc p=1 c=1 cap=1024 size=8 threads throughput"

    @Test func onlyVerifiedMeasuredRowsAreSummarisedByTheirMedian() throws {
        let e = try exporter()
        #expect(e.configurations.map(\.name) == [Self.throughputName, "ring spsc p=1 c=1 cap=1024 size=8 threads latency"])
        #expect(e.skipped == ["condvar spsc p=1 c=1 cap=1024 size=8 threads throughput"])
        let ns = try #require(e.configurations[0].metrics.first)
        #expect(ns.column == "ns_per_msg" && ns.values == [30, 10, 20] && ns.median == 20)
        #expect(e.configurations[0].forks == 3 && e.configurations[0].repetitions == 3)
        #expect(e.configurations[0].metrics.map(\.column) == ["ns_per_msg", "allocs_per_msg"])
        #expect(e.configurations[1].metrics.map(\.column) == ["ns_per_msg", "allocs_per_msg", "lat_p50_ns", "lat_p99_ns"])
        #expect(e.provenance.contains("abc1234"))
    }

    @Test func githubActionEntriesAreCustomSmallerIsBetter() throws {
        let entries = try #require(try json(.githubAction) as? [[String: Any]])
        #expect(entries.count == 6)
        let ns = try #require(entries.first { ($0["name"] as? String) == Self.throughputName + " ns/msg" })
        #expect(ns["unit"] as? String == "ns/msg")
        #expect(ns["value"] as? Double == 20)
        #expect(ns["range"] as? String == "10.0..30.0")
        #expect((ns["extra"] as? String)?.contains("3 verified repetitions") == true)
        for entry in entries { #expect(Set(entry.keys) == ["name", "unit", "value", "range", "extra"]) }
    }

    @Test func jmhHasOneBenchmarkPerConfigurationWithRawData() throws {
        let benchmarks = try #require(try json(.jmh) as? [[String: Any]])
        #expect(benchmarks.count == 2)
        let first = benchmarks[0]
        #expect(first["benchmark"] as? String == "chanbench.ring.spsc")
        #expect(first["mode"] as? String == "avgt")
        #expect(first["measurementIterations"] as? Int == 3)
        let primary = try #require(first["primaryMetric"] as? [String: Any])
        #expect(primary["score"] as? Double == 20)  // mean of 30, 10, 20
        #expect(primary["scoreUnit"] as? String == "ns/op")
        #expect(primary["rawData"] as? [[Double]] == [[30, 10, 20]])
        let percentiles = try #require(primary["scorePercentiles"] as? [String: Double])
        #expect(percentiles == ["0.0": 10, "50.0": 20, "100.0": 30])
        let secondary = try #require(first["secondaryMetrics"] as? [String: Any])
        #expect(Set(secondary.keys) == ["allocs_per_msg"])
        #expect((first["params"] as? [String: String])?["capacity"] == "1024")
    }

    @Test func bmfNamesMeasuresWithValueAndBounds() throws {
        let bmf = try #require(try json(.bmf) as? [String: [String: [String: Double]]])
        #expect(bmf.count == 2)
        let ns = try #require(bmf[Self.throughputName]?["ns-per-msg"])
        #expect(ns == ["value": 20, "lower_value": 10, "upper_value": 30])
        #expect(bmf[Self.throughputName]?["allocs-per-msg"]?["upper_value"] == 0.002)
        #expect(bmf["ring spsc p=1 c=1 cap=1024 size=8 threads latency"]?["latency-p99-ns"]?["value"] == 400)
    }

    @Test func aPartialFileIsRefused() throws {
        let partial = Self.csv.replacingOccurrences(of: "# status: complete rows=8\n", with: "")
        #expect(throws: ResultsFileError.self) { try BenchExporter(file: BenchCSVReader.parse(partial, path: "p.csv")) }
    }

    @Test(.enabled(if: CLIEndToEndTests.built)) func theCommandWritesEachFormatAndRefusesBadInput() throws {
        try withScratchDirectory { dir in
            let csv = dir + "/bench.csv"
            try Self.csv.write(toFile: csv, atomically: true, encoding: .utf8)
            let cli = CLIEndToEndTests()
            for format in ExportFormat.allCases {
                let r = try cli.chanbench(["export", "--format", format.rawValue, "--bench", csv, "--out", dir + "/out.json"], in: dir)
                #expect(r.status == 0, "\(r.stderr)")
                let written = try String(contentsOfFile: dir + "/out.json", encoding: .utf8)
                #expect(written == (try exporter()).render(format).replacingOccurrences(of: "fixture.csv", with: "bench.csv"))
            }
            let bad = try cli.chanbench(["export", "--format", "xml", "--bench", csv], in: dir)
            #expect(bad.status == 1 && bad.stderr == "error: unknown --format 'xml'; use one of github-action, jmh, bmf\n")
            let missing = try cli.chanbench(["export", "--format", "bmf", "--bench", dir + "/none.csv"], in: dir)
            #expect(missing.status == 1 && missing.stderr.hasPrefix("error: ") && missing.stderr.split(separator: "\n").count == 1)
        }
    }
}
