import Testing
@testable import BenchModel
@testable import BenchCompare

/// `--metric cpu_ns_per_msg`: CPU time per message, derived from the CSV's CPU and message columns.
@Suite struct CompareCPUMetricTests {
    private static let header = CompareFamilyWiseTests.header

    /// A fork's row with `wall` ns/msg and `user`/`system` CPU seconds over 1000 messages.
    private func row(wall: Double, user: Double, system: Double, fork: Int) -> String {
        "ring,lock-free,threads,spsc,1,1,1024,64,1000,1,0.1,1e7,\(wall),\(user),\(system),1,1,0,1,1,1,1,1,1,1,true,\(fork)"
    }

    private func file(_ rows: [String], path: String) throws -> BenchCSVFile {
        try BenchCSVReader.parse(([Self.header] + rows).joined(separator: "\n") + "\n", path: path)
    }

    @Test func isUserPlusSystemTimePerMessage() throws {
        let f = try file([row(wall: 50, user: 0.00004, system: 0.00001, fork: 1)], path: "f.csv")
        let value = try #require(try CompareMetric.cpuPerMessage.value(in: f.rows[0], of: f))
        #expect(abs(value - 50) < 1e-9)
        let named = try CompareMetric(named: "cpu_ns_per_msg")
        #expect(named == .cpuPerMessage)
        #expect(CompareMetric.cpuPerMessage.lowerIsBetter)
    }

    @Test func judgesCPUNotWallTime() throws {
        // NEW waited 30 % longer for a core (wall time) but did the same work (CPU time).
        let base = try file((1...8).map { row(wall: 100 + Double($0), user: 0.0001 + Double($0) * 1e-7, system: 0, fork: $0) }, path: "b.csv")
        let new = try file((1...8).map { row(wall: 130 + Double($0), user: 0.0001 + Double($0) * 1.1e-7, system: 0, fork: $0) }, path: "n.csv")
        let wall = try #require(try BenchComparator.compare(base: base, new: new).configurations.first)
        #expect(wall.verdict == .regression)
        let cpu = try #require(try BenchComparator.compare(base: base, new: new, options: .init(metric: .cpuPerMessage)).configurations.first)
        #expect(cpu.verdict == .unchanged)
        let median = try #require(cpu.baseMedian)
        #expect(cpu.metric.name == "cpu_ns_per_msg" && abs(median - 100.45) < 1e-6)
    }

    @Test func aFileWithoutTheCPUColumnsIsBadInputNamingTheColumn() throws {
        let text = "impl,driver,workload,producers,consumers,capacity,message_bytes,messages,ns_per_msg,verified\n"
            + "ring,threads,spsc,1,1,1024,64,1000,41,true\n"
        let thin = try BenchCSVReader.parse(text, path: "thin.csv")
        #expect(throws: CompareError.file(.metricNotInFile(path: "thin.csv", metric: "cpu_user_s"))) {
            try BenchComparator.compare(base: thin, new: thin, options: .init(metric: .cpuPerMessage))
        }
    }
}
