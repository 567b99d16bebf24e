/// One memory scenario run in a fresh process (so it starts from the allocator's baseline, not
/// the previous run's heap). The child writes the per-run CSV and replies with its
/// ``MemorySummaryRow``.
package struct MemoryRunRequest: Codable, Sendable, Equatable {
    package var scenario: MemoryScenario
    /// Folder for the per-run CSV.
    package var directory: String
    /// The invocation's UTC timestamp, shared by the file names of all its runs.
    package var timestamp: String
    /// The parent's command line, for the per-run file's `# command:` line.
    package var command: [String]

    package init(scenario: MemoryScenario, directory: String, timestamp: String, command: [String]) {
        self.scenario = scenario
        self.directory = directory
        self.timestamp = timestamp
        self.command = command
    }
}
