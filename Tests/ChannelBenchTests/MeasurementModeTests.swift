import Foundation
import Testing
import Channels
@testable import BenchSupport
@testable import BenchModel
@testable import BenchEngine
@testable import BenchCompare
@testable import BenchReport

/// The measurement mode: expanded by the matrix, written as the CSV `mode` column, read back
/// into the configuration key, and never compared across modes.
@Suite(.serialized) struct MeasurementModeTests {
    static let header = CompareCSVReaderTests.header

    /// A null-baseline session over both modes, its CSV read back.
    func bothModesFile(_ dir: String) throws -> BenchCSVFile {
        let m = try RunMatrix([RunParameters(implementations: ["null"], workloads: [.spsc, .mpmc], producers: [2], consumers: [2],
                                             capacities: [.unbounded], messages: 2000, modes: [.throughput, .latency])],
                              available: BenchImplementations.all)
        let session = RunSession(matrix: m, options: RunOptions(repetitions: 2, warmup: 0), parameters: "test",
                                 resultsDirectory: dir, progress: ProgressReporter(quiet: true))
        let outcome = try session.execute()
        #expect(outcome.exitStatus == RunSession.exitSuccess)
        return try BenchCSVReader.read(path: outcome.paths[0])
    }

    @Test func modeColumnIsWrittenAndReadBack() throws {
        try withScratchDirectory { dir in
            let file = try bothModesFile(dir)
            #expect(BenchCSV.columns.last == "mode")
            #expect(file.rows.count == 8)
            let modes = file.rows.map { file.text("mode", in: $0) }
            #expect(modes.filter { $0 == "throughput" }.count == 4)
            #expect(modes.filter { $0 == "latency" }.count == 4)
            for row in file.rows {
                let key = try BenchConfigurationKey(row: row, of: file, work: Set(BenchConfigurationKey.workColumns))
                #expect(key.mode == file.text("mode", in: row))
                // Throughput rows carry no latency figures; latency rows do.
                let p50 = file.text("lat_p50_ns", in: row) ?? ""
                #expect(key.mode == "throughput" ? p50.isEmpty : !p50.isEmpty, "\(key): p50 '\(p50)'")
                #expect(!(file.text("ns_per_msg", in: row) ?? "").isEmpty)
            }
            let keys = try Set(file.rows.map { try BenchConfigurationKey(row: $0, of: file, work: Set(BenchConfigurationKey.workColumns)) })
            #expect(keys.count == 4, "each configuration once per mode")
            #expect(keys.contains { $0.description.hasSuffix(" throughput") })
        }
    }

    @Test func rowsOfDifferentModesAreNeverCompared() throws {
        try withScratchDirectory { dir in
            let file = try bothModesFile(dir)
            let lines = try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n").map(String.init)
            let header = try #require(lines.first { !$0.hasPrefix("#") })
            func only(_ mode: String) throws -> BenchCSVFile {
                let rows = lines.filter { !$0.hasPrefix("#") && $0 != header && $0.hasSuffix("," + mode) }
                #expect(rows.count == 4)
                return try BenchCSVReader.parse(([header] + rows).joined(separator: "\n") + "\n", path: "\(mode).csv")
            }
            #expect(throws: CompareError.self) { try BenchComparator.compare(base: only("throughput"), new: only("latency")) }
            // Same mode on both sides: every configuration matches.
            let same = try BenchComparator.compare(base: only("throughput"), new: only("throughput"))
            #expect(same.configurations.count == 2)
        }
    }

    @Test func sizesFromAFileWithoutTheModeColumnApplyToLatencyMode() throws {
        // Files written before the modes existed measured what latency mode measures.
        let text = "\(Self.header)\n\(CompareCSVReaderTests.row())\n"
        let counts = try BenchCSVFile.messageCounts(of: BenchCSVReader.parse(text, path: "old.csv"))
        let key = try #require(counts.keys.first)
        #expect(key.mode == "latency")
        #expect(counts[key] == 1000)
    }

    @Test func matrixRunsEveryConfigurationOncePerMode() throws {
        let m = try RunMatrix([RunParameters(implementations: ["null"], workloads: [.spsc], capacities: [.bounded(8)],
                                             messages: 100, modes: [.throughput, .latency])],
                              available: BenchImplementations.all)
        #expect(m.configurations.map(\.mode) == [.throughput, .latency])
        #expect(m.configurations[0].description.hasSuffix(" throughput"))
        #expect(m.configurations[0].warmupConfiguration.mode == .throughput)
    }

    @Test func openLoopRefusesThroughputMode() {
        #expect(throws: BenchInputError.rateNeedsLatencyMode) {
            try RunMatrix([RunParameters(implementations: ["null"], workloads: [.spsc], rate: 1000, modes: [.throughput])],
                          available: BenchImplementations.all)
        }
        #expect(throws: BenchInputError.self) { try ParameterParsing.modes("fast") }
        #expect(throws: Never.self) { try ParameterParsing.modes("throughput,latency") }
    }

    @Test func suitesTakeNsPerMessageFromThroughputRowsAndLatencyFromLatencyRows() throws {
        for suite in BenchSuite.allCases {
            let m = try RunMatrix(suite.parameterSets.map { var p = $0; p.implementations = ["null"]; return p },
                                  available: BenchImplementations.all)
            let throughput = m.configurations.filter { $0.mode == .throughput }
            #expect(!throughput.isEmpty)
            // Every configuration has a throughput row; pingpong always also has a latency row.
            #expect(Set(m.configurations.map { "\($0.workload) \($0.producers) \($0.consumers) \($0.capacity) \($0.messageBytes)" })
                        == Set(throughput.map { "\($0.workload) \($0.producers) \($0.consumers) \($0.capacity) \($0.messageBytes)" }))
            #expect(m.configurations.contains { $0.workload == .pingpong && $0.mode == .latency })
        }
    }

    @Test func summaryTableShowsThroughputNsPerMessageWhenBothModesRan() {
        func entry(_ ns: Double?, _ mode: MeasurementMode, cap: ChannelCapacity = .bounded(1024)) -> SummaryTable.Entry {
            .init(impl: "ring", workload: "spsc", producers: 1, consumers: 1, messageBytes: 8, rate: nil, capacity: cap,
                  nanosecondsPerMessage: ns, mode: mode.rawValue)
        }
        let table = SummaryTable.render(entries: [entry(3, .throughput), entry(30, .latency), entry(4, .throughput),
                                                  entry(50, .latency, cap: .unbounded)])
        let line = table.split(separator: "\n").last.map(String.init) ?? ""
        // 1024: the throughput median alone; unbounded: only a latency row, so that one.
        #expect(line.split(separator: " ").suffix(2) == ["3.5", "50.0"], "\(table)")
        // A failed latency row still marks its cell.
        #expect(SummaryTable.render(entries: [entry(3, .throughput), entry(nil, .latency)]).contains("FAIL"))
    }

    /// The per-message check without threads: which violation each out-of-line message is,
    /// and the received count derived from the bitmaps.
    @Test func consumerLogClassifiesEachViolation() {
        let log = ConsumerLog(producers: 2, perProducer: 10)
        func m(_ p: UInt32, _ s: UInt64) -> BenchMessage<InlinePayload8> {
            BenchMessage(producer: p, sequence: s, sentAt: 0, byteCount: 8)
        }
        for (p, s) in [(0, 0), (0, 1), (0, 2), (0, 1), (0, 5), (0, 4), (1, 0), (7, 0), (0, 10)] as [(UInt32, UInt64)] {
            log.record(m(p, s), recordLatency: true)
        }
        var corrupt = m(1, 3)
        corrupt.payload.word ^= 1
        log.record(corrupt, recordLatency: true)
        #expect(log.duplicates == 1)
        #expect(log.reorders == 1)
        #expect(log.malformed == 2)
        #expect(log.payloadMismatches == 1)
        #expect(log.received == 8)
        #expect(log.firstViolation == "duplicate: producer 0 sequence 1 received twice")
        #expect(log.latency.summary == nil)
    }
}
