import Channels

/// What makes two bench rows "the same experiment": compare matches BASE and NEW rows on exactly
/// these fields: impl, workload, producers, consumers, capacity, message_bytes, driver, and every
/// other parameter that changes the work — the open-loop rate (a paced run is not a slower
/// unpaced one), the latency sampling and the generic path. Files written before a parameter had
/// a column match without it (``workColumns``), and compare warns. The measurement `mode` is one
/// of them: a throughput row and a latency row of one configuration did different work.
///
/// `messages` and `repetition` are deliberately *not* part of the key: a suite that changes its
/// message count still measures per-message cost, and repetitions are the samples themselves.
package struct BenchConfigurationKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    package var impl: String
    package var workload: String
    package var producers: Int
    package var consumers: Int
    package var capacity: ChannelCapacity
    package var messageBytes: Int
    package var driver: String
    /// `rate_msgs_per_sec` ("" = closed loop, or not recorded).
    package var rate: String
    /// `latency_sample_every` ("" = not recorded).
    package var latencySample: String
    /// `generic_path` ("" = not recorded).
    package var genericPath: String
    /// `mode` ("" = not recorded).
    package var mode: String

    /// The columns, besides the fixed ones, that change the work and so join the key.
    package static let workColumns = ["rate_msgs_per_sec", "latency_sample_every", "generic_path", "mode"]

    package init(impl: String, workload: String, producers: Int, consumers: Int,
                capacity: ChannelCapacity, messageBytes: Int, driver: String,
                rate: String = "", latencySample: String = "", genericPath: String = "", mode: String = "") {
        self.rate = rate
        self.mode = mode
        self.latencySample = latencySample
        self.genericPath = genericPath
        self.impl = impl
        self.workload = workload
        self.producers = producers
        self.consumers = consumers
        self.capacity = capacity
        self.messageBytes = messageBytes
        self.driver = driver
    }

    /// The key of a configuration the engine runs, as `--sizes-from` matches it (with the rate
    /// and the mode, which sizes a run differently; latency sampling and the generic path do
    /// not change how many messages a run needs).
    package init(_ c: RunConfiguration) {
        self.init(impl: c.implementation.name, workload: c.workload.rawValue, producers: c.producers,
                  consumers: c.consumers, capacity: c.capacity, messageBytes: c.messageBytes, driver: c.driver,
                  rate: c.rate.map(String.init) ?? "", mode: c.mode.rawValue)
    }

    /// Reads the key columns of `row`, reporting the line of any bad value; of the
    /// ``workColumns``, only those in `work` join the key.
    package init(row: BenchCSVFile.Row, of file: BenchCSVFile, work: Set<String>) throws(ResultsFileError) {
        func value(_ column: String) -> String { work.contains(column) ? file.text(column, in: row) ?? "" : "" }
        self.init(
            impl: try file.requiredText("impl", in: row),
            workload: try file.requiredText("workload", in: row),
            producers: try file.count("producers", in: row),
            consumers: try file.count("consumers", in: row),
            capacity: try file.capacity(in: row),
            messageBytes: try file.count("message_bytes", in: row),
            driver: try file.requiredText("driver", in: row),
            rate: value("rate_msgs_per_sec"), latencySample: value("latency_sample_every"),
            genericPath: value("generic_path"), mode: value("mode"))
    }

    /// The same spelling as the engine's progress lines: `ring mpmc p=4 c=4 cap=1024 size=64 threads`.
    /// Work parameters appear only when they differ from a plain run's.
    package var description: String {
        "\(impl) \(workload) p=\(producers) c=\(consumers) cap=\(capacity) size=\(messageBytes) \(driver)"
            + (rate.isEmpty ? "" : " rate=\(rate)")
            + (latencySample.isEmpty || latencySample == String(RunOptions().latencySampleEvery) ? "" : " latency-sample=\(latencySample)")
            + (genericPath == "true" ? " generic-path" : "")
            + (mode.isEmpty ? "" : " \(mode)")
    }

    /// Sort order for stable output: by impl, workload, then the numbers (unbounded last).
    package static func < (a: Self, b: Self) -> Bool {
        func cap(_ c: ChannelCapacity) -> Int { c.limit ?? Int.max }
        // Tuples compare up to 6 elements; the driver breaks the remaining ties.
        let left = (a.impl, a.workload, a.producers, a.consumers, cap(a.capacity), a.messageBytes)
        let right = (b.impl, b.workload, b.producers, b.consumers, cap(b.capacity), b.messageBytes)
        if left != right { return left < right }
        return (a.driver, a.rate, a.latencySample, a.genericPath, a.mode) < (b.driver, b.rate, b.latencySample, b.genericPath, b.mode)
    }
}
