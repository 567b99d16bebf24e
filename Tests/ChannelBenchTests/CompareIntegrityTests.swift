import Foundation
import Testing
@testable import BenchModel
@testable import BenchCompare

/// compare never matches runs that did different work, never reads a missing or zero figure as
/// a measurement, and refuses partial files unless told otherwise.
@Suite struct CompareIntegrityTests {
    private static let header = CompareCSVReaderTests.header + ",rate_msgs_per_sec"

    private func file(_ rows: [(ns: String, rate: String, messages: Int)], path: String, trailer: String? = "complete") throws -> BenchCSVFile {
        let body = rows.enumerated().map { i, r in
            CompareCSVReaderTests.row(ns: r.ns).replacingOccurrences(of: ",1000,1,", with: ",\(r.messages),\(i + 1),") + ",\(r.rate)"
        }.joined(separator: "\n")
        let end = trailer.map { "\n# status: \($0) rows=\(rows.count)" } ?? ""
        return try BenchCSVReader.parse("\(Self.header)\n\(body)\(end)\n", path: path)
    }

    @Test func pacedAndUnpacedRunsAreDifferentConfigurations() throws {
        let base = try file([("40", "", 1000), ("41", "", 1000), ("42", "", 1000)], path: "b.csv")
        let new = try file([("40", "", 1000), ("41", "", 1000), ("42", "", 1000),
                            ("1400", "1000", 1000), ("1410", "1000", 1000), ("1420", "1000", 1000)], path: "n.csv")
        let result = try BenchComparator.compare(base: base, new: new)
        #expect(result.configurations.count == 2)
        #expect(result.configurations.contains { $0.key.rate == "1000" && $0.verdict == .new })
        #expect(!result.configurations.contains { $0.verdict == .regression })
    }

    @Test(arguments: ["", "0"])
    func aVerifiedRowWithoutItsFigureIsAnError(ns: String) throws {
        let base = try file([("40", "", 1000), ("41", "", 1000)], path: "b.csv")
        let new = try file([("40", "", 1000), (ns, "", 1000)], path: "n.csv")
        #expect(throws: CompareError.file(.verifiedWithoutFigure(path: "n.csv", line: 3, column: "ns_per_msg", value: ns))) {
            try BenchComparator.compare(base: base, new: new)
        }
    }

    @Test func aSideWithoutAnyFigureIsBadInput() throws {
        let base = try file([("40", "", 1000), ("41", "", 1000)], path: "b.csv")
        #expect(throws: CompareError.noUsableFigures(path: "b.csv", metric: "lat_p99_ns")) {
            let empty = try BenchCSVReader.parse(
                "\(Self.header)\n" + CompareCSVReaderTests.row().replacingOccurrences(of: ",1,1,1,1,1,true", with: ",1,,,,,true") + ",\n",
                path: "b.csv")
            _ = try BenchComparator.compare(base: empty, new: base, options: CompareOptions(metric: try CompareMetric(named: "lat_p99_ns")))
        }
    }

    @Test func differentMessageCountsAreWarnedAbout() throws {
        let base = try file([("40", "", 1000), ("41", "", 1000)], path: "b.csv")
        let new = try file([("40", "", 4000), ("41", "", 4000)], path: "n.csv")
        let warnings = try BenchComparator.compare(base: base, new: new).warnings
        #expect(warnings.contains { $0.contains("different message counts") && $0.contains("1000 vs 4000") })
    }

    @Test func partialFilesAreRefusedUnlessAccepted() throws {
        try withScratchDirectory { dir in
            let rows = CompareCSVReaderTests.row(ns: "40") + "\n" + CompareCSVReaderTests.row(ns: "41").replacingOccurrences(of: ",1000,1,", with: ",1000,2,")
            let complete = "\(dir)/complete.csv", cut = "\(dir)/cut.csv", interrupted = "\(dir)/interrupted.csv"
            try "\(CompareCSVReaderTests.header)\n\(rows)\n# status: complete rows=2\n".write(toFile: complete, atomically: true, encoding: .utf8)
            try "\(CompareCSVReaderTests.header)\n\(rows)\n".write(toFile: cut, atomically: true, encoding: .utf8)
            try "\(CompareCSVReaderTests.header)\n\(rows)\n# status: interrupted rows=2\n".write(toFile: interrupted, atomically: true, encoding: .utf8)
            _ = try BenchComparator.compare(basePath: complete, newPath: complete)
            for path in [cut, interrupted] {
                #expect {
                    try BenchComparator.compare(basePath: complete, newPath: path)
                } throws: { error in
                    guard case .file(.partialFile(let p, _))? = error as? CompareError else { return false }
                    return p == path && (error as! CompareError).description.contains("--accept-partial")
                }
                _ = try BenchComparator.compare(basePath: complete, newPath: path, acceptPartial: true)
            }
        }
    }

    @Test func streamingGivesTheSameComparisonAsReadingWhole() throws {
        let base = try fixture("base.csv"), new = try fixture("slowdown-30.csv")
        let whole = try BenchComparator.compare(base: BenchCSVReader.read(path: base), new: BenchCSVReader.read(path: new))
        let streamed = try BenchComparator.compare(basePath: base, newPath: new)
        #expect(CompareReportFormat.csv.render(whole) == CompareReportFormat.csv.render(streamed))
    }
}
