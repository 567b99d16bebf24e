import Foundation

/// Where the results history is: a SQLite file path, or a PostgreSQL URL (`postgres://` or
/// `postgresql://`), from an option, else the `CHANBENCH_HISTORY` environment variable, else
/// the command's default.
package enum ResultsStoreLocation {
    package static let environmentVariable = "CHANBENCH_HISTORY"

    /// `option`, else a non-empty `CHANBENCH_HISTORY`, else `fallback` (`nil`: no history).
    package static func resolve(_ option: String?, fallback: String?) -> String? {
        if let option { return option }
        if let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty { return value }
        return fallback
    }

    /// `option`, else a non-empty `CHANBENCH_HISTORY`, else `fallback`.
    package static func resolve(_ option: String?, fallback: String) -> String {
        resolve(option, fallback: Optional(fallback)) ?? fallback
    }

    package static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Opens (creating and migrating it if need be) the store at `location`.
    package static func open(_ location: String) throws(HistoryError) -> any ResultsStore {
        isPostgres(location) ? try PostgresResultsStore(url: location) : try SQLiteResultsStore(path: location)
    }

    /// Opens an existing store for reading: a missing SQLite file is an error (reading must not
    /// leave an empty database behind a typo); a PostgreSQL database is created by its owner.
    package static func openExisting(_ location: String) throws(HistoryError) -> any ResultsStore {
        if !isPostgres(location), !FileManager.default.fileExists(atPath: location) {
            throw .database(path: location, reason: "no such file (chanbench run or chanbench import FILE... creates it)")
        }
        return try open(location)
    }

    /// `location` without a password (`user:secret@` and `password=` in the query), for messages.
    package static func redacted(_ location: String) -> String {
        guard isPostgres(location), let scheme = location.range(of: "://") else { return location }
        var text = location
        let authority = text[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            text.replaceSubrange(colon..<at, with: ":***")
        }
        if let query = text.firstIndex(of: "?") {
            let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { p in
                p.lowercased().hasPrefix("password=") ? "password=***" : String(p)
            }
            text = String(text[...query]) + parameters.joined(separator: "&")
        }
        return text
    }
}
