/// What a chanbench child process is asked to do: one JSON document on its stdin (see
/// `ChildMessage`), written by the parent and decoded by `chanbench child`.
package enum ChildRequest: Codable, Sendable, Equatable {
    /// One process of `run --forks N`.
    case fork(ForkRequest)
    /// One memory scenario, in a process of its own.
    case memoryRun(MemoryRunRequest)
}
