/// Per-run settings the engines need besides the configuration.
struct EngineSettings: Sendable {
    /// Watchdog, seconds of traffic.
    var timeout: Double
    /// Closed-loop streams stamp every k-th message with its send time (the others carry 0
    /// and cost no clock read). Open-loop (`--rate`) and pingpong stamp every message.
    var latencySampleEvery: Int
}
