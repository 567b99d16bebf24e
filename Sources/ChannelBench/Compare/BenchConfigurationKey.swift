/// What makes two bench rows "the same experiment": compare matches BASE and NEW rows on exactly
/// these fields (the impl, workload, producers, consumers, capacity, message_bytes, driver).
///
/// `messages` and `repetition` are deliberately *not* part of the key: a suite that changes its
/// message count still measures per-message cost, and repetitions are the samples themselves.
public struct BenchConfigurationKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var impl: String
    public var workload: String
    public var producers: Int
    public var consumers: Int
    public var capacity: ChannelCapacity
    public var messageBytes: Int
    public var driver: String

    public init(impl: String, workload: String, producers: Int, consumers: Int,
                capacity: ChannelCapacity, messageBytes: Int, driver: String) {
        self.impl = impl
        self.workload = workload
        self.producers = producers
        self.consumers = consumers
        self.capacity = capacity
        self.messageBytes = messageBytes
        self.driver = driver
    }

    /// The key of a configuration the engine runs (what its CSV row will carry).
    public init(_ c: RunConfiguration) {
        self.init(impl: c.implementation.name, workload: c.workload.rawValue, producers: c.producers,
                  consumers: c.consumers, capacity: c.capacity, messageBytes: c.messageBytes, driver: c.driver)
    }

    /// Reads the key columns of `row`, reporting the line of any bad value.
    init(row: BenchCSVFile.Row, of file: BenchCSVFile) throws(CompareError) {
        self.init(
            impl: try file.requiredText("impl", in: row),
            workload: try file.requiredText("workload", in: row),
            producers: try file.count("producers", in: row),
            consumers: try file.count("consumers", in: row),
            capacity: try file.capacity(in: row),
            messageBytes: try file.count("message_bytes", in: row),
            driver: try file.requiredText("driver", in: row))
    }

    /// The same spelling as the engine's progress lines: `ring mpmc p=4 c=4 cap=1024 size=64 threads`.
    public var description: String {
        "\(impl) \(workload) p=\(producers) c=\(consumers) cap=\(capacity) size=\(messageBytes) \(driver)"
    }

    /// Sort order for stable output: by impl, workload, then the numbers (unbounded last).
    public static func < (a: Self, b: Self) -> Bool {
        func cap(_ c: ChannelCapacity) -> Int { c.limit ?? Int.max }
        // Tuples compare up to 6 elements; the driver breaks the remaining ties.
        let left = (a.impl, a.workload, a.producers, a.consumers, cap(a.capacity), a.messageBytes)
        let right = (b.impl, b.workload, b.producers, b.consumers, cap(b.capacity), b.messageBytes)
        return left != right ? left < right : a.driver < b.driver
    }
}
