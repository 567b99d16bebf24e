#if canImport(Glibc)
import Glibc
#endif
import CChanbenchShims
import Foundation

/// This executable run as a child (a fork of `run --forks`, a `memory --child` run).
///
/// No child may outlive its parent: Foundation's `Process` puts the child in its own process
/// group, so a Ctrl-C at the terminal reaches only the parent, and a parent killed outright
/// would leave the child running under init. So the parent forwards SIGINT/SIGTERM (`signal`),
/// and the child asks the kernel for SIGKILL when its parent dies (`adoptParentDeath`).
package final class ChildProcess: @unchecked Sendable {
    /// Environment variable naming the parent's pid, so the child can tell whether the parent
    /// died before it could ask for the death signal.
    static let parentEnvironmentKey = "CHANBENCH_PARENT_PID"
    /// Status reported for a child killed by a signal or that never started.
    package static let crashed: Int32 = -1

    private let process = Process()
    private let exited = DispatchSemaphore(value: 0)
    private let outputRead = DispatchSemaphore(value: 0)
    private let captures: Bool
    private let pipe = Pipe()
    private let lock = NSLock()
    private var data = Data()

    /// `captureOutput`: collect stdout (read concurrently, so a full pipe never stalls the
    /// child); otherwise stdout is dropped. stderr always passes through.
    package init(arguments: [String], captureOutput: Bool) {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment[Self.parentEnvironmentKey] = String(getpid())
        process.environment = environment
        captures = captureOutput
        process.standardOutput = captureOutput ? pipe : FileHandle.nullDevice
        process.standardError = FileHandle.standardError
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
        try process.run()
        guard captures else { return }
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            let chunk = handle.readDataToEndOfFile()
            lock.withLock { data = chunk }
            outputRead.signal()
        }
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
