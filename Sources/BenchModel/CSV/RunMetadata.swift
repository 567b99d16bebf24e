import Foundation
import BenchSupport

/// How a result file was made: the `# key: value` lines every ChannelBench CSV starts with
/// (bench, memory and compare files alike). Keys: `git_commit`, `date`, `swift_version`, `os`,
/// `cpu_model`, `cores`, `command`, `parameters`, then `build`, `allocator` and any extras.
package struct RunMetadata: Sendable {
    /// Ordered key/value pairs.
    package var fields: [(key: String, value: String)]

    package init(fields: [(key: String, value: String)]) { self.fields = fields }

    /// Collects the machine and build facts now. `parameters` says what was run (e.g. the
    /// suite, repetitions, warmup); `extra` fields follow the standard ones.
    package static func collect(command: [String] = CommandLine.arguments, parameters: String,
                               extra: [(key: String, value: String)] = []) -> RunMetadata {
        var f: [(key: String, value: String)] = [
            ("git_commit", gitCommit()),
            ("date", isoDate(Date())),
            ("swift_version", swiftVersion()),
            ("os", operatingSystem()),
            ("cpu_model", cpuModel()),
            ("cores", String(ProcessInfo.processInfo.activeProcessorCount)),
            ("command", command.map(shellQuoted).joined(separator: " ")),
            ("parameters", parameters),
            ("build", buildConfiguration),
            ("allocator", JemallocStats.isAvailable ? "jemalloc (stats on)" : "jemalloc stats unavailable (e.g. under TSan)"),
        ]
        f += extra
        return RunMetadata(fields: f)
    }

    /// `# key: value` lines (newlines inside values are flattened so each stays one line).
    package var lines: [String] {
        fields.map { "# \($0.key): \($0.value.replacingOccurrences(of: "\n", with: " "))" }
    }

    /// The value for `key`, if present.
    package subscript(key: String) -> String? { fields.first { $0.key == key }?.value }

    #if DEBUG
    package static let buildConfiguration = "debug (figures from a debug build are not representative)"
    #else
    package static let buildConfiguration = "release"
    #endif

    /// `2026-11-29T01:37:40Z`.
    package static func isoDate(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }

    /// `20261129T013740Z`, for file names.
    package static func fileTimestamp(_ d: Date = Date()) -> String {
        isoDate(d).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// HEAD of the repository the command runs in, else of the one holding the executable
    /// (so a run from another directory still records what was built); `+dirty` when tracked
    /// files have uncommitted changes.
    static func gitCommit() -> String {
        var places = [FileManager.default.currentDirectoryPath]
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            places.append((exe as NSString).deletingLastPathComponent)
        }
        for dir in places {
            guard let head = run(["git", "-C", dir, "rev-parse", "HEAD"])?.trimmingCharacters(in: .whitespacesAndNewlines),
                  !head.isEmpty else { continue }
            let dirty = run(["git", "-C", dir, "status", "--porcelain", "--untracked-files=no"])?
                .trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false
            return dirty ? head + "+dirty" : head
        }
        return "unknown"
    }

    static func swiftVersion() -> String {
        if let v = run(["swift", "--version"])?.split(separator: "\n").first { return String(v) }
        #if compiler(>=6.3)
        return "compiler >= 6.3"
        #else
        return "compiler < 6.3"
        #endif
    }

    static func operatingSystem() -> String {
        var name = "Linux"
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
           let line = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
            name = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        var u = utsname()
        uname(&u)
        let kernel = withUnsafeBytes(of: &u.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let machine = withUnsafeBytes(of: &u.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "\(name), kernel \(kernel), \(machine)"
    }

    static func cpuModel() -> String {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    static func shellQuoted(_ s: String) -> String {
        let safe = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:@+".contains($0) }
        return safe && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A tool's stdout, or `nil` if it is missing, fails or hangs: metadata is not worth a
    /// command stuck on a wedged `git` (a stale lock, a slow network file system).
    static func run(_ argv: [String]) -> String? {
        ChildProcess.output(ofTool: argv, timeout: 30)
    }
}
