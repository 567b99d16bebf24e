import Foundation
import GRDB
import BenchModel

/// The default ``ResultsStore``: one SQLite file (`results/history.sqlite`), migrated to the
/// current ``HistorySchema`` when opened.
package final class SQLiteResultsStore: ResultsStore {
    package static let defaultPath = "results/history.sqlite"

    private let queue: DatabaseQueue
    private let path: String

    /// Opens (creating it and its folder if need be) and migrates the database at `path`.
    package init(path: String) throws(HistoryError) {
        self.path = path
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            // Several runners on one machine (or a run and an import) may write at once.
            configuration.busyMode = .timeout(30)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.holdingMigrationLock(path) { try HistorySchema.migrator.migrate(queue) }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw .database(path: path, reason: "\(error)")
        }
    }

    /// Runs `body` holding an exclusive `flock` on `<path>-migration-lock`. GRDB's migrator
    /// reads which migrations are applied outside the transactions it runs them in, so two
    /// processes creating the database at once (concurrent `chanbench run`s appending their
    /// results) would both run the first migration, and one would fail ("table run already
    /// exists"). The lock file stays beside the database; a crashed holder releases it.
    private static func holdingMigrationLock(_ path: String, _ body: () throws -> Void) throws {
        let lockPath = path + "-migration-lock"
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw HistoryError.database(path: path, reason: "cannot open \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw HistoryError.database(path: path, reason: "cannot lock \(lockPath): \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(fd, LOCK_UN) }
        try body()
    }

    /// The migrations applied to this database, in order.
    package func appliedMigrations() throws(HistoryError) -> [String] {
        try access { db in try HistorySchema.migrator.appliedMigrations(db) }
    }

    package func record(_ run: StoredRun) throws(HistoryError) -> Bool {
        try access(write: true) { db in
            guard let runID = try Int64.fetchOne(db, sql: HistoryQueries.insertRun,
                                                 arguments: Self.arguments(HistoryQueries.runValues(run))) else {
                return false
            }
            let insert = try db.makeStatement(sql: HistoryQueries.insertMeasurement)
            for row in run.measurements {
                try insert.execute(arguments: Self.arguments(HistoryQueries.measurementValues(row, runID: runID)))
            }
            return true
        }
    }

    package func machineClasses() throws(HistoryError) -> [MachineClassSummary] {
        try access { db in
            try Row.fetchAll(db, sql: HistoryQueries.machineClasses).map { row in
                MachineClassSummary(name: row["machine_class"], cpuModel: row["cpu_model"], cores: row["cores"],
                                    build: row["build"], runs: row["runs"])
            }
        }
    }

    package func samples(of metric: HistoryMetric, machineClass: String) throws(HistoryError) -> [HistorySample] {
        let (sql, columns) = HistoryQueries.samples(metric)
        return try access { db in
            var decoder = SampleDecoder(metric: metric)
            let rows = try Row.fetchCursor(db, sql: sql, arguments: [machineClass])
            while let row = try rows.next() {
                decoder.add(configuration: row[0], commit: row[1], date: row[2], values: columns.indices.map { row[3 + $0] as Double? })
            }
            return decoder.samples
        }
    }

    package func counts() throws(HistoryError) -> (runs: Int, measurements: Int) {
        try access { db in
            (try Int.fetchOne(db, sql: HistoryQueries.countRuns) ?? 0,
             try Int.fetchOne(db, sql: HistoryQueries.countMeasurements) ?? 0)
        }
    }

    private static func arguments(_ values: [RowValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: return nil
            case .integer(let v): return v
            case .real(let v): return v
            case .text(let v): return v
            }
        })
    }

    /// Runs `body` in a read or write transaction, turning any database error into one
    /// ``HistoryError`` naming the file.
    private func access<T>(write: Bool = false, _ body: (Database) throws -> T) throws(HistoryError) -> T {
        do {
            return write ? try queue.write(body) : try queue.read(body)
        } catch {
            throw .database(path: path, reason: "\(error)")
        }
    }
}
