import Foundation
import Testing
@testable import BenchModel
@testable import BenchCompare

/// Reading bench CSVs: metadata, lookup by name, tolerance of joined/CRLF files, clear errors.
@Suite struct CompareCSVReaderTests {
    static let header = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified"

    static func row(_ impl: String = "ring", capacity: String = "1024", ns: String = "41.5", verified: String = "true") -> String {
        "\(impl),lock-free,threads,spsc,1,1,\(capacity),64,1000,1,0.1,1e7,\(ns),0.1,0,1,1,0,1,1,1,1,1,1,1,\(verified)"
    }

    @Test func keepsMetadataAndReadsRows() throws {
        let text = "# git_commit: abc123\n# date: 2026-11-29\n# command: chanbench run --suite quick\n\(Self.header)\n\(Self.row())\n"
        let file = try BenchCSVReader.parse(text, path: "t.csv")
        #expect(file.metadataLines.count == 3)
        #expect(file.metadata("git_commit") == "abc123")
        #expect(file.metadata("command") == "chanbench run --suite quick")
        #expect(file.rows.count == 1)
        #expect(file.rows[0].line == 5)
        #expect(file.text("ns_per_msg", in: file.rows[0]) == "41.5")
    }

    @Test func joinedFilesReadAsOne() throws {
        // What `cat run1.csv run2.csv` gives: metadata and header repeated.
        let one = "# git_commit: abc\n\(Self.header)\n\(Self.row())\n"
        let file = try BenchCSVReader.parse(one + one, path: "joined.csv")
        #expect(file.rows.count == 2)
        #expect(file.metadataValues("git_commit") == ["abc"])
        #expect(file.metadataLines.count == 2)
    }

    @Test func fixtureWithReorderedColumnsCRLFAndExtraColumnMatchesTheOriginal() throws {
        let base = try BenchCSVReader.read(path: try fixture("base.csv"))
        let reordered = try BenchCSVReader.read(path: try fixture("reordered.csv"))
        #expect(reordered.rows.count == base.rows.count)
        for (a, b) in zip(base.rows, reordered.rows) {
            for column in BenchCSVReader.requiredColumns + ["ns_per_msg", "lat_p99_ns"] {
                #expect(base.text(column, in: a) == reordered.text(column, in: b))
            }
        }
        #expect(reordered.text("notes", in: reordered.rows[0]) == "extra, quoted")
    }

    @Test func quotedFieldsSplitCorrectly() {
        #expect(CSVLineSplitter.fields(of: #"a,"b,c","d""e", f "#) == ["a", "b,c", "d\"e", "f"])
        #expect(CSVLineSplitter.fields(of: "x,,y") == ["x", "", "y"])
    }

    @Test func missingFileIsReported() {
        #expect(throws: ResultsFileError.missingFile(path: "/nonexistent/x.csv")) {
            try BenchCSVReader.read(path: "/nonexistent/x.csv")
        }
    }

    @Test func directoryIsUnreadable() {
        #expect(throws: ResultsFileError.unreadable(path: "/tmp", reason: "is a directory")) {
            try BenchCSVReader.read(path: "/tmp")
        }
    }

    @Test func emptyOrCommentOnlyFileHasNoHeader() {
        #expect(throws: ResultsFileError.noHeader(path: "e.csv")) { try BenchCSVReader.parse("", path: "e.csv") }
        #expect(throws: ResultsFileError.noHeader(path: "e.csv")) { try BenchCSVReader.parse("# a: b\n\n", path: "e.csv") }
    }

    @Test func otherCSVIsNotABenchCSV() throws {
        let path = try fixture("not-bench.csv")
        #expect(throws: ResultsFileError.notABenchCSV(path: path, missingColumns: ["driver", "workload", "producers", "consumers", "verified"])) {
            try BenchCSVReader.read(path: path)
        }
    }

    @Test func shortRowNamesItsLine() {
        let text = "\(Self.header)\n\(Self.row())\nring,lock-free\n"
        #expect(throws: ResultsFileError.shortRow(path: "s.csv", line: 3, expected: 26, found: 2)) {
            try BenchCSVReader.parse(text, path: "s.csv")
        }
    }

    @Test func badNumberInFixtureNamesFileLineAndColumn() throws {
        let path = try fixture("malformed.csv")
        let base = try BenchCSVReader.read(path: try fixture("base.csv"))
        let malformed = try BenchCSVReader.read(path: path)  // reading is lazy about values...
        #expect(throws: CompareError.file(.badValue(path: path, line: 15, column: "ns_per_msg", value: "31o.5"))) {
            _ = try BenchComparator.compare(base: base, new: malformed)  // ...comparing is not
        }
    }

    @Test(arguments: [
        (CompareCSVReaderTests.row(capacity: "-1"), "capacity", "-1"),
        (CompareCSVReaderTests.row(capacity: "lots"), "capacity", "lots"),
        (CompareCSVReaderTests.row(verified: "yes"), "verified", "yes"),
        (CompareCSVReaderTests.row(ns: "-3"), "ns_per_msg", "-3"),
        (CompareCSVReaderTests.row(ns: "nan"), "ns_per_msg", "nan"),
        (CompareCSVReaderTests.row(""), "impl", ""),
    ])
    func badValuesAreErrors(row: String, column: String, value: String) throws {
        let good = try BenchCSVReader.parse("\(Self.header)\n\(Self.row())\n", path: "good.csv")
        let bad = try BenchCSVReader.parse("# x: y\n\(Self.header)\n\(row)\n", path: "bad.csv")
        #expect(throws: CompareError.file(.badValue(path: "bad.csv", line: 3, column: column, value: value))) {
            _ = try BenchComparator.compare(base: good, new: bad)
        }
    }

    @Test func errorMessagesAreOneLine() {
        let fileErrors: [ResultsFileError] = [
            .missingFile(path: "a"), .unreadable(path: "a", reason: "r"), .noHeader(path: "a"),
            .notABenchCSV(path: "a", missingColumns: ["impl"]), .shortRow(path: "a", line: 1, expected: 2, found: 1),
            .badValue(path: "a", line: 1, column: "c", value: "v"), .metricNotInFile(path: "a", metric: "m"),
            .partialFile(path: "a", reason: "r"), .verifiedWithoutFigure(path: "a", line: 1, column: "c", value: ""),
        ]
        let errors: [CompareError] = fileErrors.map { .file($0) } + [
            .unknownMetric("m", known: ["x"]), .badThreshold("t"), .badConfidence("c"),
            .noOverlap(basePath: "a", newPath: "b"),
        ]
        for error in errors {
            #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
    }
}

/// Path of a fixture under Fixtures/compare (a test resource).
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "compare", withExtension: nil))
    return url.appendingPathComponent(name).path
}
