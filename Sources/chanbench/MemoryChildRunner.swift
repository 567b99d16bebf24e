import ChannelBench
import Foundation

/// Runs each memory scenario in a fresh `chanbench memory --child` process, so every run
/// starts from the same allocator baseline instead of inheriting the previous run's heap.
struct MemoryChildRunner {
    let timeoutSeconds: Double

    func runAll(_ scenarios: [MemoryScenario], directory: String, timestamp: String) -> [MemorySummaryRow] {
        scenarios.enumerated().map { i, s in
            MemoryRunWriter.progress(i, scenarios.count, s)
            return runChild(s, directory: directory, timestamp: timestamp)
        }
    }

    private func runChild(_ s: MemoryScenario, directory: String, timestamp: String) -> MemorySummaryRow {
        let process = Process()
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = [
            "memory", "--child", "--impl", s.implementation, "--capacity", s.capacity.description,
            "--producers", String(s.producers), "--messages", String(s.messages),
            "--message-size", String(s.messageBytes),
            "--consumer-delay-us", MemoryCSV.fixed(Double(s.consumerDelayNanoseconds) / 1000, 3),
            "--interval-ms", String(s.intervalMilliseconds), "--output-dir", directory, "--timestamp", timestamp,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch {
            StandardError.write("memory: cannot start \(exe): \(error)")
            return failedRow(s, reason: "could not start")
        }
        // Read while it runs so a full pipe can never stall the child.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        if exited.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            process.terminate()
            StandardError.write("memory: \(s.implementation) cap=\(s.capacity) timed out after \(Int(timeoutSeconds)) s; stopped")
            return failedRow(s, reason: "timed out")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").last, let row = MemorySummaryRow(line: String(line)) else {
            StandardError.write("memory: \(s.implementation) cap=\(s.capacity) exited \(process.terminationStatus) without a summary")
            return failedRow(s, reason: "crashed")
        }
        return row
    }

    /// A row that records the failure (no figures) so the summary still lists the run.
    private func failedRow(_ s: MemoryScenario, reason: String) -> MemorySummaryRow {
        let names = MemoryCSV.summaryHeader.split(separator: ",").map(String.init)
        var f = [String](repeating: "", count: names.count)
        func set(_ k: String, _ v: String) { if let i = names.firstIndex(of: k) { f[i] = v } }
        set("impl", s.implementation)
        set("family", ChannelRegistry.named(s.implementation)?.family ?? "")
        set("capacity", s.capacity.description)
        set("message_bytes", String(s.messageBytes))
        set("messages", String(s.messages))
        set("file", reason)
        set("producers", String(s.producers))
        set("verified", "false")
        return MemorySummaryRow(fields: f, verified: false)
    }
}
