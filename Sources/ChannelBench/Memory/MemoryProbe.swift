import CJemalloc
#if canImport(Glibc)
import Glibc
#endif

/// Point-in-time memory readings for the memory-growth scenario.
///
/// `allocatedBytes` and `residentBytes` come from jemalloc (which is the process allocator
/// because ChannelBench links it); the `epoch` mallctl is bumped first because jemalloc caches
/// its statistics until then. `rssBytes` is the kernel's view from `/proc/self/statm`, which
/// also shows whether freed memory goes back to the OS.
public struct MemoryReading: Sendable, Equatable {
    public var allocatedBytes: Int
    public var residentBytes: Int
    public var rssBytes: Int
}

public enum MemoryProbe {
    /// A fresh reading. jemalloc figures are 0 when jemalloc's statistics are unavailable
    /// (for example under ThreadSanitizer, which replaces the allocator).
    public static func read() -> MemoryReading {
        refreshJemallocEpoch()
        return MemoryReading(
            allocatedBytes: jemallocSize("stats.allocated"),
            residentBytes: jemallocSize("stats.resident"),
            rssBytes: residentSetBytes()
        )
    }

    /// `true` when jemalloc answers statistics queries (it does not under TSan).
    public static var jemallocAvailable: Bool {
        refreshJemallocEpoch()
        return jemallocSize("stats.allocated") > 0
    }

    private static func refreshJemallocEpoch() {
        var current: UInt64 = 0
        var newValue: UInt64 = 1
        var size = MemoryLayout<UInt64>.size
        _ = mallctl("epoch", &current, &size, &newValue, size)
    }

    private static func jemallocSize(_ name: String) -> Int {
        var value = 0
        var size = MemoryLayout<Int>.size
        return mallctl(name, &value, &size, nil, 0) == 0 ? value : 0
    }

    /// Resident set size from `/proc/self/statm` (second field, in pages).
    public static func residentSetBytes() -> Int {
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        // A fixed stack buffer: the sampler must not allocate while it measures allocation.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buf -> Int in
            let n = Glibc.read(fd, buf.baseAddress, 127)
            guard n > 0 else { return 0 }
            var field = 0, value = 0, i = 0
            while i < n {
                let c = buf[i]
                if c == UInt8(ascii: " ") {
                    field += 1
                    if field == 2 { break }
                    value = 0
                } else if c >= 48 && c <= 57 {
                    value = value * 10 + Int(c - 48)
                }
                i += 1
            }
            return value * Int(sysconf(Int32(_SC_PAGESIZE)))
        }
    }
}
