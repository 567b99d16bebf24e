/// One process of a forked run: the matrix and options exactly as the parent resolved them
/// (suite presets applied, `--sizes-from` read), so the child parses nothing again. It writes
/// its rows to `output` and reports by its exit status, as `run` does.
package struct ForkRequest: Codable, Sendable, Equatable {
    /// The parameter lists the child expands into its matrix, as the parent did.
    package var parameterSets: [RunParameters]
    /// `fork` says which process this is; `fixedMessages` the counts to measure (for forks
    /// after the first, fork 1's).
    package var options: RunOptions
    /// How many processes the run has.
    package var forks: Int
    /// The `# parameters:` value of the child's file.
    package var parameters: String
    /// The child's CSV, in the parent's scratch folder.
    package var output: String
    /// No progress lines.
    package var quiet: Bool
    /// `--shard K/N`: the part of the matrix the child runs, as the parent's.
    package var shard: RunShard?

    package init(parameterSets: [RunParameters], options: RunOptions, forks: Int, parameters: String,
                 output: String, quiet: Bool, shard: RunShard? = nil) {
        self.shard = shard
        self.parameterSets = parameterSets
        self.options = options
        self.forks = forks
        self.parameters = parameters
        self.output = output
        self.quiet = quiet
    }

    /// `fork 2/4`, how the child's progress lines and the parent's notes name it.
    package var label: String { "fork \(options.fork)/\(forks)" }
}
