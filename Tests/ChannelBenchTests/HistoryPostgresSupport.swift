import Foundation
import Testing
import Channels

/// A private PostgreSQL cluster for one suite (`@Suite(ThrowawayPostgres())`), started by
/// `scripts/throwaway-postgres.sh` before the suite's first test and stopped after its last,
/// whether the tests pass or fail. It listens only on a unix socket in its own temporary folder
/// and holds empty databases `t1`...`t4`, one per test.
///
/// Nothing outlives the test process: the script stops the cluster when told to, and also when
/// its stdin (a pipe from this process) closes, which the kernel does when this process ends,
/// however it ends; the server itself stops when the script dies.
struct ThrowawayPostgres: SuiteTrait, TestScoping {
    static let script = CLIEndToEndTests.root.appendingPathComponent("scripts/throwaway-postgres.sh").path
    static let databases = 4

    /// Why the cluster cannot start here (no PostgreSQL server binaries), or `nil`.
    static let missing: String? = {
        guard let check = try? Cluster.run(["--check"]), check.status == 77 else { return nil }
        return check.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    /// `CHANBENCH_REQUIRE_POSTGRES=1` (CI) turns missing binaries into a failure, not a skip.
    static let required = ProcessInfo.processInfo.environment["CHANBENCH_REQUIRE_POSTGRES"] == "1"

    /// Whether the suite runs: the binaries are there, or they are required (then it fails).
    static var enabled: Bool { missing == nil || required }

    /// The running cluster's URL of database `t<n>` (1...``databases``).
    @TaskLocal static var url: (@Sendable (Int) -> String)?

    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        if let missing = Self.missing { throw Cluster.Failure(message: "CHANBENCH_REQUIRE_POSTGRES=1 but \(missing)") }
        let cluster = try Cluster.start(databases: Self.databases)
        defer { cluster.stop() }
        let (socket, user) = (cluster.socket, cluster.user)
        try await Self.$url.withValue({ n in "postgresql:///t\(n)?host=\(socket)&user=\(user)" }) { try await function() }
    }

    /// The script's process while it holds the cluster.
    final class Cluster: @unchecked Sendable {
        struct Failure: Error, CustomStringConvertible { var message: String; var description: String { message } }

        let socket: String
        let user: String
        private let process: Process
        private let input: Pipe
        private let exited: DispatchSemaphore

        private init(process: Process, input: Pipe, exited: DispatchSemaphore, socket: String, user: String) {
            (self.process, self.input, self.exited, self.socket, self.user) = (process, input, exited, socket, user)
        }

        /// Runs the script to completion (`--check`): its status and stdout.
        static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = [ThrowawayPostgres.script] + arguments
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }

        /// Starts the cluster and waits (at most 5 minutes: initdb on a loaded 2-core machine
        /// takes tens of seconds) for its `ready` line.
        static func start(databases: Int) throws -> Cluster {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = [ThrowawayPostgres.script, String(databases)]
            let input = Pipe(), output = Pipe()
            p.standardInput = input
            p.standardOutput = output
            let exited = DispatchSemaphore(value: 0)
            p.terminationHandler = { _ in exited.signal() }
            try p.run()
            let line = PthreadLockedState("")
            let lineRead = DispatchSemaphore(value: 0)
            let reader = output.fileHandleForReading
            Thread.detachNewThread {
                var bytes = Data()
                while true {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }
                    bytes += chunk
                    if bytes.contains(UInt8(ascii: "\n")) { break }
                }
                line.withLock { $0 = String(decoding: bytes, as: UTF8.self) }
                lineRead.signal()
            }
            let started = lineRead.wait(timeout: .now() + 300) == .success
            let words = line.withLock { $0 }.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let cluster = Cluster(process: p, input: input, exited: exited, socket: words.count == 3 ? words[1] : "",
                                  user: words.count == 3 ? words[2] : "")
            guard started, words.count == 3, words[0] == "ready" else {
                cluster.stop()
                throw Failure(message: started ? "throwaway PostgreSQL did not start (its errors are on stderr)"
                                               : "throwaway PostgreSQL was not ready within 300 s (stopped)")
            }
            return cluster
        }

        /// Tells the script to stop the cluster and waits for it; SIGKILL after 60 s (the
        /// server then stops by its parent-death signal).
        func stop() {
            try? input.fileHandleForWriting.close()
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            if exited.wait(timeout: .now() + 60) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
    }
}
