import Foundation
import CLibpq
import Channels
import BenchModel

/// The ``ResultsStore`` a fleet of runners shares: a PostgreSQL database given by URL
/// (`postgres://user@host/db`, any form libpq reads), through libpq, migrated to the current
/// ``HistorySchema`` when opened.
///
/// Guarantees beyond the protocol's: migrations run in one transaction under an advisory lock,
/// so runners opening a new database at once migrate it once and none sees half a schema; two
/// runners recording the same run at once both succeed and store it once; connecting gives up
/// after 10 s and a statement after 120 s unless the URL says otherwise (`connect_timeout`,
/// `options=-c statement_timeout=...`). One connection, used by one call at a time.
package final class PostgresResultsStore: ResultsStore {
    private let connection: PthreadLockedState<OpaquePointer>
    /// The URL without its password, for messages.
    private let location: String

    /// An arbitrary constant naming the store's migration lock among the database's advisory locks.
    private static let migrationLockKey: Int64 = 0x6368_616E_6265_6E63

    /// Connects to `url` and migrates the database.
    package init(url: String) throws(HistoryError) {
        location = ResultsStoreLocation.redacted(url)
        // Defaults first: the URL's own settings, expanded from `dbname`, override them.
        let keywords = ["connect_timeout", "options", "dbname"]
        let values = ["10", "-c statement_timeout=120000 -c client_min_messages=warning", url]
        let conn = Self.withCStrings(keywords) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k + [nil], v + [nil], 1) }
        }
        guard let conn else { throw .database(path: location, reason: "out of memory") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let reason = Self.message(PQerrorMessage(conn))
            PQfinish(conn)
            throw .database(path: location, reason: reason)
        }
        connection = PthreadLockedState(conn)
        try migrate()
    }

    deinit { connection.withLock { PQfinish($0) } }

    /// The migrations applied to this database, in the schema's order.
    package func appliedMigrations() throws(HistoryError) -> [String] {
        let applied = try access { conn throws(HistoryError) in
            Set(try execute(conn, "SELECT identifier FROM grdb_migrations").compactMap { $0[0] })
        }
        return HistorySchema.migrationNames.filter(applied.contains)
    }

    /// Applies the migrations this database lacks, in one transaction holding the store's
    /// advisory lock (released at commit or rollback, or when a crashed client's session ends).
    private func migrate() throws(HistoryError) {
        try transaction { conn throws(HistoryError) in
            _ = try execute(conn, "SELECT pg_advisory_xact_lock(?)", [.integer(Self.migrationLockKey)])
            _ = try execute(conn, "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let applied = Set(try execute(conn, "SELECT identifier FROM grdb_migrations").compactMap { $0[0] })
            let known = Set(HistorySchema.migrationNames)
            if let unknown = applied.subtracting(known).sorted().first {
                throw .database(path: location, reason: "migrated by a newer chanbench (unknown migration '\(unknown)'); update chanbench")
            }
            for migration in HistorySchema.migrations where !applied.contains(migration.name) {
                try executeScript(conn, migration.sql(.postgres))
                _ = try execute(conn, "INSERT INTO grdb_migrations (identifier) VALUES (?)", [.text(migration.name)])
            }
            return ()
        }
    }

    package func record(_ run: StoredRun) throws(HistoryError) -> Bool {
        try transaction { conn throws(HistoryError) in
            guard let text = try execute(conn, HistoryQueries.insertRun, HistoryQueries.runValues(run)).first?[0],
                  let runID = Int64(text) else {
                return false
            }
            for row in run.measurements {
                _ = try execute(conn, HistoryQueries.insertMeasurement, HistoryQueries.measurementValues(row, runID: runID))
            }
            return true
        }
    }

    package func machineClasses() throws(HistoryError) -> [MachineClassSummary] {
        try access { conn throws(HistoryError) in
            try execute(conn, HistoryQueries.machineClasses).map { row in
                MachineClassSummary(name: row[0] ?? "", cpuModel: row[1] ?? "", cores: row[2].flatMap { Int($0) },
                                    build: row[3] ?? "", runs: row[4].flatMap { Int($0) } ?? 0)
            }
        }
    }

    package func samples(of metric: HistoryMetric, machineClass: String) throws(HistoryError) -> [HistorySample] {
        let (sql, columns) = HistoryQueries.samples(metric)
        return try access { conn throws(HistoryError) in
            var decoder = SampleDecoder(metric: metric)
            for row in try execute(conn, sql, [.text(machineClass)]) {
                decoder.add(configuration: row[0] ?? "", commit: row[1] ?? "", date: row[2] ?? "",
                            values: columns.indices.map { row[3 + $0].flatMap { Double($0) } })
            }
            return decoder.samples
        }
    }

    package func counts() throws(HistoryError) -> (runs: Int, measurements: Int) {
        try access { conn throws(HistoryError) in
            let runs = try execute(conn, HistoryQueries.countRuns).first?[0].flatMap { Int($0) } ?? 0
            let measurements = try execute(conn, HistoryQueries.countMeasurements).first?[0].flatMap { Int($0) } ?? 0
            return (runs, measurements)
        }
    }

    // MARK: libpq

    private func access<T>(_ body: (OpaquePointer) throws(HistoryError) -> T) throws(HistoryError) -> T {
        try connection.withLock { (conn: inout OpaquePointer) throws(HistoryError) -> T in try body(conn) }
    }

    /// Runs `body` between BEGIN and COMMIT; any error rolls back and is rethrown.
    private func transaction<T>(_ body: (OpaquePointer) throws(HistoryError) -> T) throws(HistoryError) -> T {
        try access { conn throws(HistoryError) in
            try executeScript(conn, "BEGIN")
            do throws(HistoryError) {
                let result = try body(conn)
                try executeScript(conn, "COMMIT")
                return result
            } catch {
                PQclear(PQexec(conn, "ROLLBACK"))
                throw error
            }
        }
    }

    /// One statement with `?` parameters, bound as text; every row of its result as text
    /// (`nil`: NULL).
    @discardableResult
    private func execute(_ conn: OpaquePointer, _ sql: String, _ values: [RowValue] = []) throws(HistoryError) -> [[String?]] {
        let texts: [String?] = values.map { value in
            switch value {
            case .null: return nil
            case .integer(let v): return String(v)
            case .real(let v): return "\(v)"
            case .text(let v): return v
            }
        }
        let result = Self.withOptionalCStrings(texts) { pointers in
            PQexecParams(conn, SQLDialect.postgres.parameters(sql), Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, conn)
        var rows: [[String?]] = []
        let count = PQntuples(result), fields = PQnfields(result)
        rows.reserveCapacity(Int(count))
        for r in 0..<count {
            rows.append((0..<fields).map { f in
                PQgetisnull(result, r, f) == 1 ? nil : String(cString: PQgetvalue(result, r, f))
            })
        }
        return rows
    }

    /// Statements without parameters, several allowed (a migration's script).
    private func executeScript(_ conn: OpaquePointer, _ sql: String) throws(HistoryError) {
        let result = PQexec(conn, sql)
        defer { PQclear(result) }
        try check(result, conn)
    }

    private func check(_ result: OpaquePointer?, _ conn: OpaquePointer) throws(HistoryError) {
        guard let result else { throw .database(path: location, reason: Self.message(PQerrorMessage(conn))) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK: return
        default: throw .database(path: location, reason: Self.message(PQresultErrorMessage(result)))
        }
    }

    /// libpq's message on one line.
    private static func message(_ text: UnsafePointer<CChar>?) -> String {
        let raw = text.map { String(cString: $0) } ?? "unknown error"
        let lines = raw.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.isEmpty ? "unknown error" : lines.joined(separator: "; ")
    }

    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        withOptionalCStrings(strings) { body($0) }
    }

    /// C strings of `strings` (`nil` stays a null pointer), valid during `body`.
    private static func withOptionalCStrings<T>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { for c in copies { free(c) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}
