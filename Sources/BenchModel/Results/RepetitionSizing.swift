/// Chooses how many messages a measured repetition sends, so that it lasts between a minimum
/// and a maximum time — the JMH idea of a measurement *time* rather than a fixed operation count.
///
/// Why grow: a 20k-message run of a fast channel lasts ~0.2 ms, shorter than one scheduler
/// time slice, so one preemption, a timer interrupt or where the two threads happened to land
/// decides its figure; comparing such runs (CI gate, A/B) mostly compares luck. Growing the run
/// until it spans many time slices averages that out.
///
/// Why shrink: a slow configuration (a condvar rendezvous can cost tens of µs per message) would
/// spend seconds per repetition on a fixed message count and dominate the suite without
/// making its figure any steadier than a quarter of the messages do.
///
/// Rule: the fastest verified estimate run (the last warmup, and the probe when there is one:
/// ``needsProbe(_:measured:)``) gives a cost per message; the configuration's message
/// count is multiplied (or divided) by the smallest power of two that brings the estimated
/// duration to at least `minimumSeconds` (at most ×`maximumGrowth`), or — when it is above
/// `maximumSeconds` — down to at most that (at most ÷`maximumShrink`, never below
/// `minimumMessages`). Powers of two, not an exact fit, so that two runs of the same build
/// almost always pick the same count (ns/msg of a queue can depend on how long it runs, e.g. an
/// unbounded buffer's growth). Shrunk counts are rounded down to a multiple of the producer
/// count. A growth that would make the configuration unsupported (`seq` needs every message to
/// fit in a bounded channel) is halved until it fits. Open-loop (`rate`) runs are never sized:
/// their duration is set by the rate. The CSV `messages` column records the count measured.
package struct RepetitionSizing: Sendable, Equatable, Codable {
    /// Shortest wanted repetition, seconds; 0 disables growing.
    package var minimumSeconds: Double
    /// Longest wanted repetition, seconds; 0 disables shrinking.
    package var maximumSeconds: Double
    /// Largest multiplier (a power of two), so a mis-estimate cannot explode a run.
    package var maximumGrowth: Int
    /// Largest divisor (a power of two).
    package var maximumShrink: Int
    /// A shrunk run still sends at least this many messages.
    package var minimumMessages: Int

    package static let off = RepetitionSizing(minimumSeconds: 0, maximumSeconds: 0)

    package init(minimumSeconds: Double, maximumSeconds: Double = 0, maximumGrowth: Int = 64,
                maximumShrink: Int = 16, minimumMessages: Int = 1_000) {
        self.minimumSeconds = minimumSeconds
        self.maximumSeconds = maximumSeconds
        self.maximumGrowth = maximumGrowth
        self.maximumShrink = maximumShrink
        self.minimumMessages = minimumMessages
    }

    package var isEnabled: Bool { minimumSeconds > 0 || maximumSeconds > 0 }

    /// The configuration to measure, given the last verified warmup run of `configuration`
    /// (`nil` when there was none: the configuration is measured as given).
    package func measuredConfiguration(for configuration: RunConfiguration, warmup: RunResult?) -> RunConfiguration {
        measuredConfiguration(for: configuration, estimates: warmup.map { [$0] } ?? [])
    }

    /// The configuration to measure, sized from the cheapest cost per message among the
    /// verified `estimates`: another job stalling one short run only makes it look slower, so
    /// the fastest is the best guess of what the channel costs.
    package func measuredConfiguration(for configuration: RunConfiguration, estimates: [RunResult]) -> RunConfiguration {
        let costs = estimates.compactMap { run -> Double? in
            guard run.verified, let metrics = run.metrics, metrics.seconds > 0, run.configuration.messages > 0 else { return nil }
            return metrics.seconds / Double(run.configuration.messages)
        }
        guard isEnabled, configuration.rate == nil, let secondsPerMessage = costs.min() else { return configuration }
        let m = configuration.messages, producers = configuration.producers
        func estimate(_ n: Int) -> Double { secondsPerMessage * Double(n) }

        var chosen = m
        if minimumSeconds > 0 && estimate(m) < minimumSeconds {
            var factor = 1
            while estimate(m * factor) < minimumSeconds && factor * 2 <= maximumGrowth { factor *= 2 }
            while factor > 1, configuration.withMessages(m * factor).unsupportedReason != nil { factor /= 2 }
            chosen = m * factor
        } else if maximumSeconds > 0 && estimate(m) > maximumSeconds {
            var divisor = 1
            func shrunk(_ d: Int) -> Int { m / d / producers * producers }
            while estimate(shrunk(divisor)) > maximumSeconds && divisor * 2 <= maximumShrink
                    && shrunk(divisor * 2) >= max(minimumMessages, producers) {
                divisor *= 2
            }
            chosen = shrunk(divisor)
        }
        return chosen == m ? configuration : configuration.withMessages(chosen)
    }

    /// Whether the count sized from a warmup should be checked by one unrecorded probe run at
    /// that count before the repetitions: when the warmup made the run grow. A warmup is a
    /// quarter-size run of a few milliseconds; on a busy machine one preemption can make it look
    /// several times slower than the channel is, and the repetitions then stay far below the
    /// minimum time, where one time slice decides their figure. The probe lasts about as long
    /// as a repetition, so it is stalled far less often, and only a faster probe changes the count.
    package func needsProbe(_ configuration: RunConfiguration, measured: RunConfiguration) -> Bool {
        isEnabled && minimumSeconds > 0 && configuration.rate == nil && measured.messages > configuration.messages
    }

    /// How a sized count relates to the configured one, for progress lines: `x8`, `/4`.
    package static func describe(measured: Int, configured: Int) -> String {
        measured >= configured ? "x\(measured / max(configured, 1))" : "/\(configured / max(measured, 1))"
    }
}
