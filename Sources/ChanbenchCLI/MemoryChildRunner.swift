#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Channels
import BenchSupport
import BenchModel
import BenchEngine

/// Runs each memory scenario in a fresh `chanbench child` process, so every run
/// starts from the same allocator baseline instead of inheriting the previous run's heap.
struct MemoryChildRunner {
    let timeoutSeconds: Double

    /// The rows finished so far and the child running now, shared with the interrupt handler.
    final class Progress: @unchecked Sendable {
        private let lock = NSLock()
        private var finished: [MemorySummaryRow] = []
        private var running: ChildProcess?
        private var stopping = false

        var rows: [MemorySummaryRow] { lock.withLock { finished } }

        /// Adds a finished run; once an interrupt is being handled the run thread stops here
        /// (the handler writes the summary and exits).
        func add(_ row: MemorySummaryRow) {
            let stop = lock.withLock {
                if !stopping { finished.append(row) }
                return stopping
            }
            if stop { while true { pause() } }
        }

        /// Starts `child` unless an interrupt is being handled.
        func start(_ child: ChildProcess) throws -> Bool {
            try lock.withLock {
                if stopping { return false }
                try child.start()
                running = child
                return true
            }
        }

        var isStopping: Bool { lock.withLock { stopping } }

        func finished(_ child: ChildProcess) { lock.withLock { if running === child { running = nil } } }

        /// For the interrupt handler: no new run starts; returns the running child, if any.
        func interrupt() -> ChildProcess? {
            lock.withLock {
                stopping = true
                return running
            }
        }
    }

    func runAll(_ scenarios: [MemoryScenario], directory: String, timestamp: String, progress: Progress) -> [MemorySummaryRow] {
        for (i, s) in scenarios.enumerated() {
            MemoryRunWriter.progress(i, scenarios.count, s)
            progress.add(runChild(s, directory: directory, timestamp: timestamp, progress: progress))
        }
        return progress.rows
    }

    private func runChild(_ s: MemoryScenario, directory: String, timestamp: String, progress: Progress) -> MemorySummaryRow {
        let request = MemoryRunRequest(scenario: s, directory: directory, timestamp: timestamp, command: CommandLine.arguments)
        let child: ChildProcess
        do {
            child = try ChildCommand.process(for: .memoryRun(request), captureReply: true)
            guard try progress.start(child) else { while true { pause() } }
        } catch {
            StandardError.write("memory: cannot start a child process: \(error)")
            return failedRow(s, reason: "could not start")
        }
        defer { progress.finished(child) }
        // stdout is read on its own thread while this one waits with the timeout.
        let exited = child.wait(timeout: timeoutSeconds)
        // An interrupt stopped the child: the handler reports and exits.
        if progress.isStopping { while true { pause() } }
        if !exited {
            child.stop()
            StandardError.write("memory: \(s.implementation) cap=\(s.capacity) timed out after \(timeoutSeconds) s; stopped")
            return failedRow(s, reason: "timed out")
        }
        guard let row = child.reply(as: MemorySummaryRow.self) else {
            StandardError.write("memory: \(s.implementation) cap=\(s.capacity) exited \(child.status) without a summary")
            return failedRow(s, reason: "crashed")
        }
        return row
    }

    /// A row that records the failure (no figures) so the summary still lists the run.
    private func failedRow(_ s: MemoryScenario, reason: String) -> MemorySummaryRow {
        .failed(s, family: ChannelRegistry.named(s.implementation)?.family ?? "", reason: reason)
    }
}
