/// Point-in-time memory readings for the memory-growth scenario.
///
/// `allocatedBytes` and `residentBytes` come from jemalloc (the process allocator, see
/// ``JemallocStats``); `rssBytes` is the kernel's view from `/proc/self/statm`, which also shows
/// whether freed memory goes back to the OS. jemalloc figures are 0 where its statistics are
/// unavailable (under ThreadSanitizer).
public struct MemoryReading: Sendable, Equatable {
    public var allocatedBytes: Int
    public var residentBytes: Int
    public var rssBytes: Int
}

/// Takes ``MemoryReading``s without allocating (the statm descriptor is opened once), so a
/// sample never disturbs what it measures.
public final class MemoryProbe: Sendable {
    private let rss = ResidentMemory()

    public init() {}

    public func read() -> MemoryReading {
        JemallocStats.refresh()
        return MemoryReading(
            allocatedBytes: JemallocStats.allocatedBytes() ?? 0,
            residentBytes: JemallocStats.residentBytes() ?? 0,
            rssBytes: rss.residentBytes() ?? 0
        )
    }
}
