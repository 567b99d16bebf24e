import BenchModel

/// The store's statements, written once with `?` parameters for both backends
/// (``SQLDialect/parameters(_:)`` renders them for PostgreSQL). Column names come from fixed
/// lists, never from user text.
enum HistoryQueries {
    /// The run row's columns after `id`, in the order ``runValues(_:)`` gives them.
    static let runColumns = ["content_hash", "source", "git_commit", "date", "machine_class", "cpu_model", "cores", "os",
                             "kernel", "architecture", "swift_version", "build", "command", "parameters", "status"]

    /// Inserts a run unless its content hash is stored; returns its new id, or no row when it
    /// was there already (so two writers recording the same run at once both succeed).
    /// RETURNING needs SQLite 3.35 (Debian 12 has 3.40).
    static let insertRun = """
        INSERT INTO run (\(runColumns.joined(separator: ", ")))
        VALUES (\(Array(repeating: "?", count: runColumns.count).joined(separator: ", ")))
        ON CONFLICT (content_hash) DO NOTHING RETURNING id
        """

    /// The values of ``runColumns`` for `run` (`nil`: NULL).
    static func runValues(_ run: StoredRun) -> [RowValue] {
        let m = run.machine
        return [.text(run.contentHash), .text(run.source), .text(run.commit), .text(run.date), .text(m.machineClass),
                .text(m.cpuModel), m.cores.map { .integer(Int64($0)) } ?? .null, .text(m.os), .text(m.kernel),
                .text(m.architecture), .text(m.swiftVersion), .text(m.build), .text(run.command), .text(run.parameters),
                .text(run.status)]
    }

    static let measurementColumns = ["run_id", "configuration", "description", "process", "repetition", "verified"]
        + StoredMeasurement.metricColumns

    /// One measurement row; a row repeated within a run (same key) is kept once.
    static let insertMeasurement = """
        INSERT INTO measurement (\(measurementColumns.joined(separator: ", ")))
        VALUES (\(Array(repeating: "?", count: measurementColumns.count).joined(separator: ", ")))
        ON CONFLICT DO NOTHING
        """

    /// The values of ``measurementColumns`` for `row` of run `runID`.
    static func measurementValues(_ row: StoredMeasurement, runID: Int64) -> [RowValue] {
        [.integer(runID), .text(ConfigurationIdentity.text(row.configuration)), .text(row.configuration.description),
         .text(row.process), .integer(Int64(row.repetition)), .integer(row.verified ? 1 : 0)]
            + StoredMeasurement.metricColumns.map { row.metrics[$0].map(RowValue.real) ?? .null }
    }

    /// machine_class, cpu_model, cores, build, runs: one row per class.
    static let machineClasses = """
        SELECT machine_class, MIN(cpu_model) AS cpu_model, MIN(cores) AS cores, MIN(build) AS build, COUNT(*) AS runs
        FROM run GROUP BY machine_class ORDER BY machine_class
        """

    /// configuration, git_commit, date, then `metric`'s columns: every verified measurement of
    /// one class (the parameter), oldest run first.
    static func samples(_ metric: HistoryMetric) -> (sql: String, columns: [String]) {
        let columns = metric.columns.filter(StoredMeasurement.metricColumns.contains)
        return ("""
            SELECT m.configuration, r.git_commit, r.date, \(columns.map { "m.\($0)" }.joined(separator: ", "))
            FROM measurement m JOIN run r ON r.id = m.run_id
            WHERE r.machine_class = ? AND m.verified = 1
            ORDER BY r.date, r.id
            """, columns)
    }

    static let countRuns = "SELECT COUNT(*) FROM run"
    static let countMeasurements = "SELECT COUNT(*) FROM measurement"
}

/// A statement parameter, as both backends bind it.
enum RowValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// Turns the rows of ``HistoryQueries/samples(_:)`` into samples, decoding each configuration
/// once; rows whose figure is not measured or whose configuration does not decode are skipped.
struct SampleDecoder {
    let metric: HistoryMetric
    private var keys: [String: BenchConfigurationKey] = [:]
    private(set) var samples: [HistorySample] = []

    init(metric: HistoryMetric) { self.metric = metric }

    mutating func add(configuration text: String, commit: String, date: String, values: [Double?]) {
        guard let value = metric.value(values) else { return }
        let key: BenchConfigurationKey
        if let known = keys[text] { key = known } else {
            guard let decoded = ConfigurationIdentity.key(text) else { return }
            keys[text] = decoded
            key = decoded
        }
        samples.append(HistorySample(configuration: key, commit: commit, date: date, value: value))
    }
}
