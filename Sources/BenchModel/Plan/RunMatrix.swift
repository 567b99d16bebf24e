import Channels

/// Expands ``RunParameters`` into the ordered list of configurations to run, validating all
/// input first (so a typo fails before minutes of benchmarking, not after).
public struct RunMatrix: Sendable {
    /// The configurations to run, in order (implementation-major, like the summary table).
    public let configurations: [RunConfiguration]
    /// One line per combination skipped because its implementation does not support it.
    public let skipped: [String]
    /// Why each of `skipped` was skipped, in the same order.
    let skipReasons: [String]

    /// The skip notes one line per reason, with a count and one example: a suite skips
    /// hundreds of combinations, and a line each buries the messages that matter.
    public var skipSummary: [String] {
        var order: [String] = []
        var count: [String: Int] = [:]
        var example: [String: String] = [:]
        for (line, why) in zip(skipped, skipReasons) {
            if count[why] == nil { order.append(why); example[why] = line }
            count[why, default: 0] += 1
        }
        return order.map { why in
            count[why] == 1 ? example[why]! : "skip \(count[why]!) combinations: \(why) (e.g. \(example[why]!.dropFirst(5).dropLast(why.count + 2)))"
        }
    }

    /// Expands every parameter set (a suite may hold several) against `available`.
    public init(_ parameterSets: [RunParameters],
                available: [ChannelDescriptor]) throws(BenchInputError) {
        var configs: [RunConfiguration] = []
        var skipped: [String] = []
        var reasons: [String] = []
        var seen = Set<String>()
        for p in parameterSets {
            try RunMatrix.validate(p, available: available)
            let impls = try RunMatrix.resolve(p.implementations, available: available)
            for impl in impls {
                for w in p.workloads {
                    for cap in p.capacities {
                        for size in p.messageSizes {
                            for prod in p.producers {
                                for cons in p.consumers {
                                    for mode in p.modes {
                                        let shape = w.shape(producers: prod, consumers: cons)
                                        let c = RunConfiguration(implementation: impl, workload: w,
                                                                 producers: shape.producers, consumers: shape.consumers,
                                                                 capacity: cap, messageBytes: size,
                                                                 messages: p.messages, rate: p.rate, mode: mode)
                                        let key = "\(c) n=\(c.messages)"
                                        guard seen.insert(key).inserted else { continue }
                                        if let why = c.unsupportedReason {
                                            skipped.append("skip \(c): \(why)")
                                            reasons.append(why)
                                        } else {
                                            configs.append(c)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.configurations = configs
        self.skipped = skipped
        self.skipReasons = reasons
    }

    /// Every check that does not depend on an implementation's capabilities.
    static func validate(_ p: RunParameters, available: [ChannelDescriptor]) throws(BenchInputError) {
        if p.implementations.isEmpty { throw .emptyList(option: "impl") }
        if p.workloads.isEmpty { throw .emptyList(option: "workload") }
        if p.producers.isEmpty { throw .emptyList(option: "producers") }
        if p.consumers.isEmpty { throw .emptyList(option: "consumers") }
        if p.capacities.isEmpty { throw .emptyList(option: "capacity") }
        if p.messageSizes.isEmpty { throw .emptyList(option: "message-size") }
        for n in p.producers where n < 1 { throw .notPositive(option: "producers", value: n) }
        for n in p.consumers where n < 1 { throw .notPositive(option: "consumers", value: n) }
        for c in p.capacities {
            if case .bounded(let n) = c, n < 0 { throw .badCapacity(String(n)) }
        }
        for s in p.messageSizes where s < 8 { throw .messageSizeTooSmall(s) }
        for c in p.capacities {
            for s in p.messageSizes { try CapacityLimit.check(c, messageBytes: s) }
        }
        if p.messages < 1 { throw .notPositive(option: "messages", value: p.messages) }
        if p.modes.isEmpty { throw .emptyList(option: "mode") }
        if let r = p.rate, r < 1 { throw .notPositive(option: "rate", value: r) }
        // Pacing waits on the clock before every send, and an open-loop run exists to measure
        // latency from the intended send time: it has no clock-free form.
        if p.rate != nil, p.modes.contains(.throughput) { throw .rateNeedsLatencyMode }
        // Every producer sends the same number of messages, so the oracle knows exactly what
        // each one must deliver.
        for w in p.workloads {
            for prod in p.producers {
                let n = w.shape(producers: prod, consumers: 1).producers
                if p.messages % n != 0 { throw .messagesNotDivisible(messages: p.messages, producers: n) }
            }
        }
    }

    static func resolve(_ names: [String], available: [ChannelDescriptor]) throws(BenchInputError) -> [ChannelDescriptor] {
        var out: [ChannelDescriptor] = []
        for name in names {
            if name.lowercased() == "all" {
                for d in available where !out.contains(where: { $0.name == d.name }) { out.append(d) }
                continue
            }
            guard let d = available.first(where: { $0.name == name }) else {
                throw .unknownImplementation(name, known: available.map(\.name))
            }
            if !out.contains(where: { $0.name == d.name }) { out.append(d) }
        }
        return out
    }
}
