import Foundation
import Testing
import Channels
@testable import BenchModel
@testable import BenchHistory

/// The PostgreSQL store against a real server: a private throwaway cluster for the suite (see
/// ``ThrowawayPostgres``). Skipped, with the reason, where PostgreSQL's server binaries are
/// missing; CI sets CHANBENCH_REQUIRE_POSTGRES=1, so there a missing server fails instead.
@Suite(.enabled(if: ThrowawayPostgres.enabled, Comment(rawValue: ThrowawayPostgres.missing ?? "")), ThrowawayPostgres())
struct HistoryPostgresTests {
    func url(_ database: Int) throws -> String {
        let url = try #require(ThrowawayPostgres.url, "no throwaway cluster")
        return url(database)
    }

    @Test func migratesAppendsAndReadsBackWhatSQLiteReadsBack() throws {
        try withScratchDirectory { dir in
            let csv = dir + "/run.csv"
            try HistoryStoreTests.write(HistoryStoreTests.benchCSV(commit: "aaaa", date: "2026-01-01T00:00:00Z",
                                                                   nsPerMessage: [100, 110.25, 90.125]), to: csv)
            let url = try url(1)
            let store = try PostgresResultsStore(url: url)
            #expect(try store.appliedMigrations() == HistorySchema.migrationNames)
            let outcome = try HistoryImporter.importFile(csv, into: store)
            #expect(outcome.added)
            #expect(try store.counts() == (runs: 1, measurements: 3))
            // The same file in SQLite reads back the same: one schema, one set of statements.
            let sqlite = try SQLiteResultsStore(path: dir + "/h.sqlite")
            _ = try HistoryImporter.importFile(csv, into: sqlite)
            #expect(try store.machineClasses() == sqlite.machineClasses())
            for metric in ["ns_per_msg", "cpu_ns_per_msg", "msgs_per_sec"] {
                let m = try HistoryMetric(named: metric)
                #expect(try store.samples(of: m, machineClass: outcome.machineClass)
                        == sqlite.samples(of: m, machineClass: outcome.machineClass), "\(metric)")
            }
            #expect(try store.samples(of: HistoryMetric(named: "ns_per_msg"), machineClass: outcome.machineClass)
                .map(\.value).sorted() == [90.125, 100, 110.25])
            // Reopened: nothing migrates again, the run is known.
            let reopened = try PostgresResultsStore(url: url)
            #expect(try reopened.appliedMigrations() == HistorySchema.migrationNames)
            #expect(try !HistoryImporter.importFile(csv, into: reopened).added)
            #expect(try reopened.counts() == (runs: 1, measurements: 3))
        }
    }

    /// Runners opening a new database at once: every open succeeds, the schema is made once;
    /// runners recording the same run at once: it is stored once, and neither fails.
    @Test func concurrentFirstOpensMigrateOnceAndConcurrentRecordsStoreOnce() throws {
        let url = try url(2)
        let failures = PthreadLockedState<[String]>([])
        let stores = PthreadLockedState<[PostgresResultsStore]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do {
                let store = try PostgresResultsStore(url: url)
                stores.withLock { $0.append(store) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let opened = stores.withLock { $0 }
        #expect(opened.count == 6)
        #expect(try opened.first?.appliedMigrations() == HistorySchema.migrationNames)

        try withScratchDirectory { dir in
            try HistoryStoreTests.write(HistoryStoreTests.benchCSV(commit: "b", date: "2026-01-02T00:00:00Z",
                                                                   nsPerMessage: Array(repeating: 5, count: 50)), to: dir + "/b.csv")
            let run = try HistoryImporter.storedRun(path: dir + "/b.csv")
            let added = PthreadLockedState<[Bool]>([])
            DispatchQueue.concurrentPerform(iterations: opened.count) { i in
                do {
                    let result = try opened[i].record(run)
                    added.withLock { $0.append(result) }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
            #expect(added.withLock { $0.filter { $0 }.count } == 1)
            #expect(try opened[0].counts() == (runs: 1, measurements: 50))
        }
    }

    /// The whole path through the command line: import into the URL, history from it finds
    /// the step where it is, and a bad URL is one error line.
    @Test func historyOverASyntheticSeriesFindsTheStep() throws {
        try #require(CLIEndToEndTests.built, "build chanbench first")
        let url = try url(3)
        let cli = HistoryCLITests()
        try withScratchDirectory { dir in
            let files = try cli.writeHistory(in: dir, count: 14, stepAt: 7, step: 1.3)
            let imported = try cli.cli.chanbench(["import", "--db", url] + files, in: dir)
            #expect(imported.status == 0, "\(imported.stderr)")
            let history = try cli.cli.chanbench(["history", "--db", url, "--fail-on-change-at-head"], in: dir)
            #expect(history.status == 0, "\(history.stderr)")
            #expect(history.stdout.contains("0700000000 (#7)"), "\(history.stdout)")
            #expect(history.stdout.contains("slowdown"))
            // The store itself, read directly: the same answer.
            let store = try PostgresResultsStore(url: url)
            let machine = try #require(try store.machineClasses().first?.name)
            let metric = try HistoryMetric(named: "ns_per_msg")
            let series = ConfigurationSeries.build(try store.samples(of: metric, machineClass: machine))
            let result = try #require(series.first.map(HistoryAnalysis(metric: metric, detector: EDivisive()).analyse))
            #expect(result.shifts.map(\.index) == [7])
            #expect(result.shifts.first?.isSlowdown == true)

            let bad = try cli.cli.chanbench(["history", "--db", url.replacingOccurrences(of: "/t3?", with: "/nosuchdb?")], in: dir)
            #expect(bad.status == 1)
            let errors = bad.stderr.split(separator: "\n")
            #expect(errors.count == 1 && errors[0].hasPrefix("error: history database postgresql:///nosuchdb"), "\(bad.stderr)")
        }
    }
}

/// Store locations: which backend a location names, and passwords kept out of messages.
@Suite struct HistoryStoreLocationTests {
    @Test func aURLNamesPostgreSQLAndAnythingElseAFile() {
        #expect(ResultsStoreLocation.isPostgres("postgres://ci@db.example/bench"))
        #expect(ResultsStoreLocation.isPostgres("postgresql:///t1?host=/tmp/x"))
        #expect(!ResultsStoreLocation.isPostgres("results/history.sqlite"))
        #expect(!ResultsStoreLocation.isPostgres("postgres.sqlite"))
    }

    @Test func passwordsAreRedacted() {
        #expect(ResultsStoreLocation.redacted("postgres://ci:s3cret@db.example:5432/bench")
                == "postgres://ci:***@db.example:5432/bench")
        #expect(ResultsStoreLocation.redacted("postgresql://db.example/bench?user=ci&password=s3cret&sslmode=require")
                == "postgresql://db.example/bench?user=ci&password=***&sslmode=require")
        #expect(ResultsStoreLocation.redacted("postgres://ci@db.example/bench") == "postgres://ci@db.example/bench")
        #expect(ResultsStoreLocation.redacted("results/a:b@c.sqlite") == "results/a:b@c.sqlite")
    }

    @Test func theSQLiteAndPostgreSQLSchemasDifferOnlyInTypes() {
        for migration in HistorySchema.migrations {
            let sqlite = migration.sql(.sqlite), postgres = migration.sql(.postgres)
            let normalised = postgres.replacingOccurrences(of: SQLDialect.postgres.autoIncrementKey, with: SQLDialect.sqlite.autoIncrementKey)
                .replacingOccurrences(of: "DOUBLE PRECISION", with: "REAL").replacingOccurrences(of: "BIGINT", with: "INTEGER")
            #expect(normalised == sqlite, "\(migration.name)")
            #expect(!postgres.contains(" REAL"), "PostgreSQL's REAL is 32-bit")
        }
        #expect(SQLDialect.postgres.parameters("a = ? AND b IN (?, ?)") == "a = $1 AND b IN ($2, $3)")
        #expect(SQLDialect.sqlite.parameters("a = ?") == "a = ?")
    }
}
