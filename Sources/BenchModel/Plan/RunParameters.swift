import Channels

/// The parameter lists of one matrix: every combination of the lists is one
/// ``RunConfiguration`` (after each workload fixes its shape, duplicates removed).
public struct RunParameters: Sendable, Equatable, Codable {
    /// Implementation names; `all` means every known implementation.
    public var implementations: [String]
    public var workloads: [Workload]
    public var producers: [Int]
    public var consumers: [Int]
    public var capacities: [ChannelCapacity]
    public var messageSizes: [Int]
    /// Total messages per run (pingpong: round trips).
    public var messages: Int
    /// Open-loop pacing in msgs/s over all producers; `nil` = closed loop.
    public var rate: Int?
    /// Each configuration runs once per mode listed (see ``MeasurementMode``).
    public var modes: [MeasurementMode]

    public init(implementations: [String] = ["all"],
                workloads: [Workload] = Workload.allCases,
                producers: [Int] = [4],
                consumers: [Int] = [4],
                capacities: [ChannelCapacity] = [.bounded(0), .bounded(1), .bounded(1024), .unbounded],
                messageSizes: [Int] = [8],
                messages: Int = 100_000,
                rate: Int? = nil,
                modes: [MeasurementMode] = [.latency]) {
        self.implementations = implementations
        self.workloads = workloads
        self.producers = producers
        self.consumers = consumers
        self.capacities = capacities
        self.messageSizes = messageSizes
        self.messages = messages
        self.rate = rate
        self.modes = modes
    }
}

/// Parsing of the comma lists the CLI accepts. Every function throws ``BenchInputError``
/// rather than trapping or silently defaulting.
package enum ParameterParsing {
    static func items(_ text: String, option: String) throws(BenchInputError) -> [String] {
        let parts = text.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        if parts.isEmpty { throw .emptyList(option: option) }
        return parts
    }

    package static func names(_ text: String, option: String = "impl") throws(BenchInputError) -> [String] {
        try items(text, option: option)
    }

    package static func workloads(_ text: String) throws(BenchInputError) -> [Workload] {
        var out: [Workload] = []
        for item in try items(text, option: "workload") {
            if item.lowercased() == "all" { return Workload.allCases }
            guard let w = Workload(rawValue: item.lowercased()) else { throw .unknownWorkload(item) }
            out.append(w)
        }
        return out
    }

    package static func capacities(_ text: String) throws(BenchInputError) -> [ChannelCapacity] {
        var out: [ChannelCapacity] = []
        for item in try items(text, option: "capacity") {
            guard let c = ChannelCapacity(parsing: item) else { throw .badCapacity(item) }
            out.append(c)
        }
        return out
    }

    package static func modes(_ text: String) throws(BenchInputError) -> [MeasurementMode] {
        var out: [MeasurementMode] = []
        for item in try items(text, option: "mode") {
            if item.lowercased() == "all" { return MeasurementMode.allCases }
            guard let m = MeasurementMode(rawValue: item.lowercased()) else { throw .unknownMode(item) }
            if !out.contains(m) { out.append(m) }
        }
        return out
    }

    /// Payload sizes: integers of at least 8 bytes (one minimum, whatever the value).
    package static func messageSizes(_ text: String) throws(BenchInputError) -> [Int] {
        var out: [Int] = []
        for item in try items(text, option: "message-size") {
            guard let n = Int(item) else { throw .badInteger(option: "message-size", value: item) }
            guard n >= 8 else { throw .messageSizeTooSmall(n) }
            out.append(n)
        }
        return out
    }

    /// Positive integers (`--producers`, `--consumers`).
    package static func positiveIntegers(_ text: String, option: String) throws(BenchInputError) -> [Int] {
        var out: [Int] = []
        for item in try items(text, option: option) {
            guard let n = Int(item) else { throw .badInteger(option: option, value: item) }
            guard n >= 1 else { throw .notPositive(option: option, value: n) }
            out.append(n)
        }
        return out
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
