import GRDB
import BenchModel

/// The store's one versioned schema. Each migration is applied once, in order, and recorded in
/// the database (GRDB's `grdb_migrations` table), so an old file is brought up to date when it is
/// opened and a new one is created whole. Never edit a registered migration: add the next one.
package enum HistorySchema {
    /// The migrations a PostgreSQL store mirrors, by name.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs and measurements") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    content_hash TEXT NOT NULL UNIQUE,
                    source TEXT NOT NULL,
                    git_commit TEXT NOT NULL,
                    date TEXT NOT NULL,
                    machine_class TEXT NOT NULL,
                    cpu_model TEXT NOT NULL,
                    cores INTEGER,
                    os TEXT NOT NULL,
                    kernel TEXT NOT NULL,
                    architecture TEXT NOT NULL,
                    swift_version TEXT NOT NULL,
                    build TEXT NOT NULL,
                    command TEXT NOT NULL,
                    parameters TEXT NOT NULL,
                    status TEXT NOT NULL
                );
                CREATE INDEX run_by_class ON run(machine_class, date);
                CREATE TABLE measurement (
                    run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    configuration TEXT NOT NULL,
                    description TEXT NOT NULL,
                    process TEXT NOT NULL,
                    repetition INTEGER NOT NULL,
                    verified INTEGER NOT NULL,
                    \(StoredMeasurement.metricColumns.map { "\($0) REAL" }.joined(separator: ",\n"))
                    , UNIQUE (run_id, configuration, process, repetition)
                );
                CREATE INDEX measurement_by_configuration ON measurement(configuration);
                """)
        }
        return migrator
    }

    /// The names of the migrations this build knows, in order.
    package static var migrationNames: [String] { migrator.migrations }
}
