import Channels

/// Which memory runs a `chanbench memory` invocation makes.
///
/// By default every built-in implementation runs at bounded(1024) and unbounded, whichever it
/// supports, so each family shows its bounded-vs-unbounded behaviour side by side; a
/// combination an implementation does not support is skipped with a note.
package struct MemoryPlan: Sendable {
    /// A named preset. `default` is what `make bench` runs.
    package enum Suite: String, Sendable, CaseIterable {
        /// 200k messages: a quick look (well under a minute).
        case quick
        /// 1M messages of 64 bytes, 2 producers, a consumer paced at 1 µs/msg.
        case `default`

        package var messages: Int { self == .quick ? 200_000 : 1_000_000 }
    }

    package var scenarios: [MemoryScenario]
    /// One line per skipped implementation × capacity, for stderr.
    package var skipped: [String]

    package static let defaultCapacities: [ChannelCapacity] = [.bounded(1024), .unbounded]

    /// Builds the plan; throws for unknown names and out-of-range numbers.
    package init(implementations: [String]?, capacities: [ChannelCapacity]?, producers: Int, messages: Int,
                messageBytes: Int, consumerDelayMicroseconds: Double, intervalMilliseconds: Int) throws(MemoryScenarioError) {
        let available = ChannelRegistry.all
        var descriptors: [ChannelDescriptor] = []
        for name in implementations ?? available.map(\.name) {
            if name == "all" { descriptors += available; continue }
            guard let d = ChannelRegistry.named(name) else {
                throw .invalid("unknown implementation '\(name)' (known: \(available.map(\.name).joined(separator: ", ")))")
            }
            descriptors.append(d)
        }
        if producers < 1 { throw .invalid("--producers must be at least 1 (got \(producers))") }
        if messages < producers { throw .invalid("--messages (\(messages)) must be at least --producers (\(producers))") }
        if messageBytes < 8 { throw .invalid("--message-size must be at least 8 bytes (got \(messageBytes))") }
        if !(consumerDelayMicroseconds >= 0) { throw .invalid("--consumer-delay-us must be >= 0") }
        if intervalMilliseconds < 1 { throw .invalid("--interval-ms must be at least 1") }
        for c in capacities ?? [] {
            do { try CapacityLimit.check(c, messageBytes: messageBytes) } catch { throw .invalid(error.description) }
        }
        var scenarios: [MemoryScenario] = []
        var skipped: [String] = []
        for d in descriptors {
            for c in capacities ?? MemoryPlan.defaultCapacities {
                if let why = d.unsupportedReason(capacity: c, producers: producers, consumers: 1) {
                    skipped.append("skipped: \(why)")
                    continue
                }
                scenarios.append(MemoryScenario(
                    implementation: d.name, capacity: c, producers: producers, messages: messages,
                    messageBytes: messageBytes,
                    consumerDelayNanoseconds: UInt64((consumerDelayMicroseconds * 1000).rounded()),
                    intervalMilliseconds: intervalMilliseconds))
            }
        }
        if scenarios.isEmpty { throw .invalid("nothing to run: no implementation supports the requested capacities") }
        self.scenarios = scenarios
        self.skipped = skipped
    }
}

/// Errors that stop a memory run before it starts.
package enum MemoryScenarioError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    package var description: String {
        switch self { case .invalid(let why): return why }
    }
}
