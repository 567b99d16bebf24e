import BenchModel

/// Per-run settings the engines need besides the configuration.
package struct EngineSettings: Sendable {
    /// Watchdog, seconds of traffic.
    var timeout: Double
    /// Latency mode: closed-loop streams stamp every k-th message with its send time (the
    /// others carry 0 and cost no clock read). Open-loop (`--rate`) and pingpong stamp every
    /// message.
    var latencySampleEvery: Int
    /// Run built-in flavors through their concrete types (``BuiltInFlavor``); `false`
    /// measures them through the registry's generic path, as a user-registered channel runs.
    var specializeBuiltIns: Bool = true
    /// Pin each worker thread to one CPU, round-robin (``CPUPinning``).
    var pin: Bool = false

    /// How often a closed-loop producer of `c` stamps its send time: every
    /// ``latencySampleEvery``-th message in latency mode, never (0) in throughput mode.
    func sampleEvery(_ c: RunConfiguration) -> Int { c.mode == .throughput ? 0 : latencySampleEvery }
}
