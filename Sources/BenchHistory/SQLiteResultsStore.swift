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
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE content_hash = ?", arguments: [run.contentHash]) == true {
                return false
            }
            let m = run.machine
            try db.execute(sql: """
                INSERT INTO run (content_hash, source, git_commit, date, machine_class, cpu_model, cores, os, kernel,
                                 architecture, swift_version, build, command, parameters, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.contentHash, run.source, run.commit, run.date, m.machineClass, m.cpuModel, m.cores,
                                 m.os, m.kernel, m.architecture, m.swiftVersion, m.build, run.command, run.parameters,
                                 run.status])
            let runID = db.lastInsertedRowID
            let columns = StoredMeasurement.metricColumns
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO measurement (run_id, configuration, description, process, repetition, verified,
                                                   \(columns.joined(separator: ", ")))
                VALUES (?, ?, ?, ?, ?, ?\(String(repeating: ", ?", count: columns.count)))
                """)
            for row in run.measurements {
                var values: [(any DatabaseValueConvertible)?] = [runID, ConfigurationIdentity.text(row.configuration),
                                                                 row.configuration.description, row.process,
                                                                 row.repetition, row.verified]
                values += columns.map { row.metrics[$0] }
                try insert.execute(arguments: StatementArguments(values))
            }
            return true
        }
    }

    package func machineClasses() throws(HistoryError) -> [MachineClassSummary] {
        try access { db in
            try Row.fetchAll(db, sql: """
                SELECT machine_class, MIN(cpu_model) AS cpu_model, MIN(cores) AS cores, MIN(build) AS build, COUNT(*) AS runs
                FROM run GROUP BY machine_class ORDER BY machine_class
                """).map { row in
                MachineClassSummary(name: row["machine_class"], cpuModel: row["cpu_model"], cores: row["cores"],
                                    build: row["build"], runs: row["runs"])
            }
        }
    }

    package func samples(of metric: HistoryMetric, machineClass: String) throws(HistoryError) -> [HistorySample] {
        // Column names come from the fixed list, never from user text.
        let columns = metric.columns.filter(StoredMeasurement.metricColumns.contains)
        return try access { db in
            var samples: [HistorySample] = []
            var keys: [String: BenchConfigurationKey] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.configuration, r.git_commit, r.date, \(columns.map { "m.\($0)" }.joined(separator: ", "))
                FROM measurement m JOIN run r ON r.id = m.run_id
                WHERE r.machine_class = ? AND m.verified = 1
                ORDER BY r.date, r.id
                """, arguments: [machineClass])
            while let row = try rows.next() {
                let text: String = row[0]
                guard let value = metric.value(columns.indices.map { row[3 + $0] as Double? }) else { continue }
                let key: BenchConfigurationKey
                if let known = keys[text] { key = known } else {
                    guard let decoded = ConfigurationIdentity.key(text) else { continue }
                    keys[text] = decoded
                    key = decoded
                }
                samples.append(HistorySample(configuration: key, commit: row[1], date: row[2], value: value))
            }
            return samples
        }
    }

    package func counts() throws(HistoryError) -> (runs: Int, measurements: Int) {
        try access { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM measurement") ?? 0)
        }
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
