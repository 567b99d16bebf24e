import Foundation
import Testing
import Channels
@testable import BenchModel
@testable import BenchHistory

/// The SQLite store and the importer: round trip, migrations, idempotent import, machine classes.
@Suite struct HistoryStoreTests {
    /// A bench CSV as `chanbench run` writes it: metadata, header, rows, trailer.
    static func benchCSV(commit: String, date: String, cpu: String = "AMD EPYC", cores: Int = 2,
                         nsPerMessage: [Double], impl: String = "ring", complete: Bool = true) -> String {
        let metadata = RunMetadata(fields: [
            ("git_commit", commit), ("date", date), ("swift_version", "Swift version 6.3.1"),
            ("os", "Debian GNU/Linux 12 (bookworm), kernel 6.1.0-18-amd64, x86_64"), ("cpu_model", cpu),
            ("cores", String(cores)), ("command", "chanbench run"), ("parameters", "impl=\(impl)"), ("build", "release"),
        ])
        var lines = metadata.lines + [BenchCSV.columns.joined(separator: ",")]
        // Repetition 0 is the warmup: never stored.
        for (repetition, ns) in ([(nsPerMessage.first ?? 1) * 9] + nsPerMessage).enumerated() {
            let values: [String: String] = [
                "impl": impl, "family": "ring", "driver": "threads", "workload": "mpmc", "producers": "2", "consumers": "2",
                "capacity": "64", "message_bytes": "8", "messages": "1000", "repetition": String(repetition),
                "seconds": "0.001", "msgs_per_sec": String(1e9 / ns), "ns_per_msg": String(ns), "cpu_user_s": "0.0010",
                "cpu_sys_s": "0.0002", "verified": "true", "lossy": "false", "lost_messages": "0", "fork": "1",
                "latency_sample_every": "8", "generic_path": "false", "mode": "throughput",
            ]
            lines.append(BenchCSV.columns.map { values[$0] ?? "" }.joined(separator: ","))
        }
        if complete { lines.append(CSVTrailer.line(.complete(rows: nsPerMessage.count + 1))) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aRunRoundTripsThroughTheStore() throws {
        try withScratchDirectory { dir in
            let csv = dir + "/run.csv"
            try Self.write(Self.benchCSV(commit: "aaaa", date: "2026-01-01T00:00:00Z", nsPerMessage: [100, 110, 90]), to: csv)
            let store = try SQLiteResultsStore(path: dir + "/nested/history.sqlite")
            let outcome = try HistoryImporter.importFile(csv, into: store)
            #expect(outcome.added)
            #expect(outcome.measurements == 3)
            #expect(try store.counts() == (runs: 1, measurements: 3))
            let classes = try store.machineClasses()
            #expect(classes.map(\.name) == [outcome.machineClass])
            #expect(classes.first?.cpuModel == "AMD EPYC")
            #expect(classes.first?.cores == 2)
            let samples = try store.samples(of: HistoryMetric(named: "ns_per_msg"), machineClass: outcome.machineClass)
            #expect(samples.map(\.value).sorted() == [90, 100, 110])
            #expect(samples.allSatisfy { $0.commit == "aaaa" && $0.date == "2026-01-01T00:00:00Z" })
            #expect(samples.first?.configuration.description == "ring mpmc p=2 c=2 cap=64 size=8 threads throughput")
            // The derived metric comes from the stored columns: 1.2 ms of CPU over 1000 messages.
            let cpu = try store.samples(of: HistoryMetric(named: "cpu_ns_per_msg"), machineClass: outcome.machineClass)
            #expect(cpu.count == 3)
            #expect(cpu.allSatisfy { abs($0.value - 1200) < 1e-6 })
        }
    }

    @Test func importingTheSameFileTwiceAddsNothing() throws {
        try withScratchDirectory { dir in
            let text = Self.benchCSV(commit: "aaaa", date: "2026-01-01T00:00:00Z", nsPerMessage: [100, 110])
            try Self.write(text, to: dir + "/a.csv")
            // latest.csv mirrors the timestamped file: the same run.
            try Self.write(text, to: dir + "/latest.csv")
            let store = try SQLiteResultsStore(path: dir + "/h.sqlite")
            #expect(try HistoryImporter.importFile(dir + "/a.csv", into: store).added)
            #expect(try !HistoryImporter.importFile(dir + "/a.csv", into: store).added)
            #expect(try !HistoryImporter.importFile(dir + "/latest.csv", into: store).added)
            #expect(try store.counts() == (runs: 1, measurements: 2))
            // A reopened store still knows it.
            let reopened = try SQLiteResultsStore(path: dir + "/h.sqlite")
            #expect(try !HistoryImporter.importFile(dir + "/a.csv", into: reopened).added)
            #expect(try reopened.counts() == (runs: 1, measurements: 2))
        }
    }

    @Test func migrationsAreAppliedOnceAndRecorded() throws {
        try withScratchDirectory { dir in
            let path = dir + "/h.sqlite"
            let first = try SQLiteResultsStore(path: path)
            #expect(try first.appliedMigrations() == HistorySchema.migrationNames)
            #expect(!HistorySchema.migrationNames.isEmpty)
            // Opening an up-to-date file again migrates nothing and keeps the data.
            try Self.write(Self.benchCSV(commit: "b", date: "2026-01-02T00:00:00Z", nsPerMessage: [5]), to: dir + "/b.csv")
            _ = try HistoryImporter.importFile(dir + "/b.csv", into: first)
            let second = try SQLiteResultsStore(path: path)
            #expect(try second.appliedMigrations() == HistorySchema.migrationNames)
            #expect(try second.counts().runs == 1)
        }
    }

    /// Concurrent runs append to one database that none of them has created yet: each must
    /// open it (the first migration runs once), none may fail on another's half-made schema.
    @Test func storesOpenedAtOnceByManyWritersAllMigrate() throws {
        try withScratchDirectory { dir in
            for round in 0..<10 {
                let path = dir + "/h\(round).sqlite"
                let failures = PthreadLockedState<[String]>([])
                DispatchQueue.concurrentPerform(iterations: 6) { _ in
                    do { _ = try SQLiteResultsStore(path: path) } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
                #expect(failures.withLock { $0 } == [])
                let store = try SQLiteResultsStore(path: path)
                let applied = try store.appliedMigrations()
                #expect(applied == HistorySchema.migrationNames)
            }
        }
    }

    @Test func machinesOfDifferentClassesNeverMix() throws {
        try withScratchDirectory { dir in
            let store = try SQLiteResultsStore(path: dir + "/h.sqlite")
            try Self.write(Self.benchCSV(commit: "a", date: "2026-01-01T00:00:00Z", nsPerMessage: [100]), to: dir + "/a.csv")
            try Self.write(Self.benchCSV(commit: "a", date: "2026-01-01T00:00:01Z", cpu: "Intel Xeon", cores: 8, nsPerMessage: [40]),
                           to: dir + "/b.csv")
            let a = try HistoryImporter.importFile(dir + "/a.csv", into: store)
            let b = try HistoryImporter.importFile(dir + "/b.csv", into: store)
            #expect(a.machineClass != b.machineClass)
            let metric = try HistoryMetric(named: "ns_per_msg")
            #expect(try store.samples(of: metric, machineClass: a.machineClass).map(\.value) == [100])
            #expect(try store.samples(of: metric, machineClass: b.machineClass).map(\.value) == [40])
        }
    }

    @Test func theMachineClassIgnoresKernelAndToolchainButNotTheBuild() {
        let base = MachineFingerprint(cpuModel: "AMD EPYC", cores: 2, os: "", kernel: "6.1", architecture: "x86_64",
                                      swiftVersion: "6.3", build: "release")
        var other = base
        other.kernel = "6.2"
        other.swiftVersion = "6.4"
        #expect(other.machineClass == base.machineClass)
        other.build = "debug (figures from a debug build are not representative)"
        #expect(other.machineClass != base.machineClass)
        var more = base
        more.cores = 4
        #expect(more.machineClass != base.machineClass)
        #expect(base.machineClass.hasPrefix("x86_64-2c-release-"))
    }

    @Test func badFilesAreRefusedWithoutStoringAnything() throws {
        try withScratchDirectory { dir in
            let store = try SQLiteResultsStore(path: dir + "/h.sqlite")
            try Self.write(Self.benchCSV(commit: "a", date: "2026-01-01T00:00:00Z", nsPerMessage: [1], complete: false),
                           to: dir + "/partial.csv")
            #expect(throws: HistoryError.self) { try HistoryImporter.importFile(dir + "/partial.csv", into: store) }
            #expect(try HistoryImporter.importFile(dir + "/partial.csv", into: store, acceptPartial: true).added)
            let joined = Self.benchCSV(commit: "a", date: "2026-01-01T00:00:00Z", nsPerMessage: [1])
                + Self.benchCSV(commit: "b", date: "2026-01-02T00:00:00Z", nsPerMessage: [2])
            try Self.write(joined, to: dir + "/joined.csv")
            #expect(throws: HistoryError.self) { try HistoryImporter.importFile(dir + "/joined.csv", into: store) }
            #expect(throws: HistoryError.self) { try HistoryImporter.importFile(dir + "/missing.csv", into: store) }
            #expect(try store.counts().runs == 1)
        }
    }

    @Test func seriesHaveOnePointPerCommitInDateOrder() throws {
        try withScratchDirectory { dir in
            let store = try SQLiteResultsStore(path: dir + "/h.sqlite")
            let runs: [(String, String, [Double])] = [
                ("c2", "2026-01-02T00:00:00Z", [200, 210, 190]), ("c1", "2026-01-01T00:00:00Z", [100, 101, 99]),
                ("c2", "2026-01-02T06:00:00Z", [205]), ("c3", "2026-01-03T00:00:00Z", [300]),
            ]
            for (i, run) in runs.enumerated() {
                try Self.write(Self.benchCSV(commit: run.0, date: run.1, nsPerMessage: run.2), to: dir + "/\(i).csv")
                _ = try HistoryImporter.importFile(dir + "/\(i).csv", into: store)
            }
            let machine = try #require(try store.machineClasses().first?.name)
            let series = ConfigurationSeries.build(try store.samples(of: HistoryMetric(named: "ns_per_msg"), machineClass: machine))
            #expect(series.count == 1)
            #expect(series.first?.points.map(\.commit) == ["c1", "c2", "c3"])
            #expect(series.first?.points.map(\.median) == [100, 202.5, 300])
            #expect(series.first?.points.map(\.samples) == [3, 4, 1])
        }
    }
}
