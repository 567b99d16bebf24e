import BenchSupport
import BenchModel

/// Takes ``MemoryReading``s without allocating (the statm descriptor is opened once), so a
/// sample never disturbs what it measures.
package final class MemoryProbe: Sendable {
    private let rss = ResidentMemory()

    package init() {}

    package func read() -> MemoryReading {
        JemallocStats.refresh()
        return MemoryReading(
            allocatedBytes: JemallocStats.allocatedBytes() ?? 0,
            residentBytes: JemallocStats.residentBytes() ?? 0,
            rssBytes: rss.residentBytes() ?? 0
        )
    }
}
