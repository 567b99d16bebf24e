#if canImport(Glibc)
import Glibc
#endif
import CChanbenchShims
import Foundation

/// Every process chanbench starts: this executable run as a child (a fork of `run --forks`, a
/// memory run) or a tool such as `git` for the run metadata.
///
/// No child of this executable may outlive its parent: Foundation's `Process` puts the child in
/// its own process group, so a Ctrl-C at the terminal reaches only the parent, and a parent
/// killed outright would leave the child running under init. So the parent forwards
/// SIGINT/SIGTERM (`signal`), and the child asks the kernel for SIGKILL when its parent dies
/// (`adoptParentDeath`). A tool cannot ask; callers bound it with a timeout instead.
package final class ChildProcess: @unchecked Sendable {
    /// Environment variable naming the parent's pid, so the child can tell whether the parent
    /// died before it could ask for the death signal.
    static let parentEnvironmentKey = "CHANBENCH_PARENT_PID"
    /// Status reported for a child killed by a signal or that never started.
    package static let crashed: Int32 = -1

    private let process = Process()
    private let input: Data?
    private let exited = DispatchSemaphore(value: 0)
    private let outputRead = DispatchSemaphore(value: 0)
    private let captures: Bool
    private let pipe = Pipe()
    private let lock = NSLock()
    private var data = Data()

    /// This executable with `arguments`. `input` becomes its stdin (`nil`: the parent's).
    /// `captureOutput`: collect stdout (read concurrently, so a full pipe never stalls the
    /// child); otherwise stdout is dropped. stderr always passes through. `environment`: variables
    /// set for the child on top of this process's (e.g. `MALLOC_CONF`).
    package convenience init(arguments: [String], input: Data? = nil, captureOutput: Bool,
                             environment extra: [String: String] = [:]) {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        environment[Self.parentEnvironmentKey] = String(getpid())
        self.init(executable: exe, arguments: arguments, environment: environment, input: input,
                  captureOutput: captureOutput, standardError: FileHandle.standardError)
    }

    /// A tool found on PATH (`argv[0]`): stdout collected, stderr dropped.
    package convenience init(tool argv: [String]) {
        var environment = ProcessInfo.processInfo.environment
        // Not a chanbench child: the fault suite finds those by this variable.
        environment[Self.parentEnvironmentKey] = nil
        self.init(executable: "/usr/bin/env", arguments: argv, environment: environment, input: nil,
                  captureOutput: true, standardError: FileHandle.nullDevice)
    }

    private init(executable: String, arguments: [String], environment: [String: String], input: Data?,
                 captureOutput: Bool, standardError: FileHandle) {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        self.input = input
        captures = captureOutput
        process.standardOutput = captureOutput ? pipe : FileHandle.nullDevice
        process.standardError = standardError
        process.terminationHandler = { [exited] _ in exited.signal() }
    }

    /// Called first thing in every process: a child asks for SIGKILL when its parent dies, and
    /// exits at once if the parent is already gone.
    package static func adoptParentDeath() {
        guard let text = ProcessInfo.processInfo.environment[parentEnvironmentKey], let parent = pid_t(text) else { return }
        _ = chanbench_set_parent_death_signal(SIGKILL)
        if getppid() != parent { _exit(1) }
    }

    package func start() throws {
        let stdin = try input.map(Self.inMemoryFile)
        if let stdin { process.standardInput = stdin }
        defer { try? stdin?.close() }  // the child has its own copy once started
        try process.run()
        guard captures else { return }
        let handle = pipe.fileHandleForReading
        ThreadDriver.start { [self] in
            let chunk = handle.readDataToEndOfFile()
            lock.withLock { data = chunk }
            outputRead.signal()
        }
    }

    /// `bytes` in a file that lives only in memory, read from its start. Why not a pipe: the
    /// parent writes it all before the child exists, so it never blocks on a child that is slow
    /// to read nor takes SIGPIPE from one that died; and nothing is left on disk, whatever
    /// kills either process.
    private static func inMemoryFile(_ bytes: Data) throws -> FileHandle {
        let fd = chanbench_anonymous_file()
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let file = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        try file.write(contentsOf: bytes)
        try file.seek(toOffset: 0)
        return file
    }

    /// Waits for the child to exit, at most `timeout` seconds (`nil`: no limit); `false` if
    /// it is still running.
    package func wait(timeout: Double?) -> Bool {
        let deadline: DispatchTime = timeout.map { .now() + $0 } ?? .distantFuture
        guard exited.wait(timeout: deadline) == .success else { return false }
        exited.signal()  // later waits return at once
        return true
    }

    /// Sends `sig` to the child if it is still running.
    package func signal(_ sig: Int32) {
        if process.isRunning { kill(process.processIdentifier, sig) }
    }

    /// SIGTERM, then SIGKILL if it has not exited within `grace` seconds; waits for the exit.
    package func stop(grace: Double = 3) {
        signal(SIGTERM)
        if !wait(timeout: grace) {
            signal(SIGKILL)
            _ = wait(timeout: nil)
        }
    }

    /// The exit status, or `crashed` when a signal ended it. Only after `wait` returned true.
    package var status: Int32 {
        process.terminationReason == .uncaughtSignal ? Self.crashed : process.terminationStatus
    }

    /// Everything the child wrote to stdout (after it exited).
    package var output: Data {
        guard captures else { return Data() }
        outputRead.wait()
        outputRead.signal()
        return lock.withLock { data }
    }
}

extension ChildProcess {
    /// What a tool found on PATH prints, or `nil` if it is missing, fails, or is still running
    /// after `timeout` seconds (then it is stopped: a wedged tool must not hang the command).
    package static func output(ofTool argv: [String], timeout: Double) -> String? {
        let tool = ChildProcess(tool: argv)
        do { try tool.start() } catch { return nil }
        guard tool.wait(timeout: timeout) else {
            tool.stop(grace: 1)
            return nil
        }
        guard tool.status == 0 else { return nil }
        return String(decoding: tool.output, as: UTF8.self)
    }
}
