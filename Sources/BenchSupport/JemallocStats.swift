import CJemalloc
#if canImport(Glibc)
import Glibc
#endif

/// Reads jemalloc's statistics through `mallctl`. Linking jemalloc (the `CJemalloc` target,
/// Debian's unprefixed build) makes it the process allocator, so these numbers cover every
/// allocation the process makes — Swift runtime, channels and harness alike.
///
/// jemalloc caches statistics: ``refresh()`` (the `epoch` mallctl) must run before reading.
/// Per-thread caches (tcache) merge their request counts into the arenas when they flush, so
/// a worker calls ``flushThreadCache()`` when it finishes, before the totals are read.
/// Under ThreadSanitizer (which replaces malloc) every reading is `nil`/zero: report "not
/// available" rather than 0.
package enum JemallocStats {
    // Names are `StaticString`s, passed as their literal's bytes: a `String` is converted to a
    // C string on every call, and one of up to 15 bytes (stored inline) into a new array, an
    // allocation per reading that the run's own memory sampler would count against the channel.
    // 4096 is jemalloc's `MALLCTL_ARENAS_ALL`: the pseudo-arena that sums every arena.
    private static let smallRequests: StaticString = "stats.arenas.4096.small.nrequests"
    private static let largeRequests: StaticString = "stats.arenas.4096.large.nrequests"

    /// Updates the statistics snapshot (`epoch`). Call before any reading.
    package static func refresh() {
        var epoch: UInt64 = 1
        _ = mallctl("epoch", nil, nil, &epoch, MemoryLayout<UInt64>.size)
    }

    /// `stats.allocated`: bytes in live allocations (as of the last ``refresh()``).
    package static func allocatedBytes() -> Int? { readSize("stats.allocated") }

    /// `stats.resident`: bytes in physically resident pages jemalloc maps (last ``refresh()``).
    package static func residentBytes() -> Int? { readSize("stats.resident") }

    /// Total allocation requests so far: `stats.arenas.<all>.small.nrequests` +
    /// `large.nrequests` (as of the last ``refresh()``). Differences of two readings count the
    /// allocations in between.
    package static func allocationRequests() -> UInt64? {
        guard let small = readUInt64(smallRequests), let large = readUInt64(largeRequests) else { return nil }
        return small + large
    }

    /// Bytes the calling thread allocated minus bytes it freed, ever (`thread.allocated` -
    /// `thread.deallocated`). Exact and unaffected by other threads, unlike `stats.allocated`,
    /// whose total moves whenever any thread frees memory or flushes its cache.
    package static func threadNetAllocatedBytes() -> Int? {
        guard let allocated = readUInt64("thread.allocated"), let freed = readUInt64("thread.deallocated") else { return nil }
        return Int(truncatingIfNeeded: allocated &- freed)
    }

    /// Flushes the calling thread's tcache so its request counts reach the arena statistics.
    package static func flushThreadCache() {
        _ = mallctl("thread.tcache.flush", nil, nil, nil, 0)
    }

    /// `true` when jemalloc really serves the process's `malloc` and keeps statistics. Checked
    /// once by allocating 4 MiB and watching this thread's `thread.allocated` counter grow: under
    /// ThreadSanitizer the sanitizer's allocator serves `malloc` while jemalloc still answers
    /// `mallctl`, so "statistics are non-zero" is not proof enough. The per-thread counter is
    /// used rather than `stats.allocated` because other threads freeing memory at the same
    /// moment (a finished run's workers flushing their caches) would hide the 4 MiB.
    package static let isAvailable: Bool = {
        guard let before = readUInt64("thread.allocated") else { return false }
        let size = 4 << 20
        // Through the Swift runtime (an opaque call), not malloc/free directly: the optimizer
        // deletes a malloc/memset/free triple whose memory is never read.
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        block.initializeMemory(as: UInt8.self, repeating: 1, count: size)
        let after = readUInt64("thread.allocated") ?? 0
        block.deallocate()
        return after &- before >= UInt64(size)
    }()

    private static func readSize(_ name: StaticString) -> Int? {
        var value = 0
        var len = MemoryLayout<Int>.size
        return mallctl(cString(name), &value, &len, nil, 0) == 0 ? value : nil
    }

    private static func readUInt64(_ name: StaticString) -> UInt64? {
        var value: UInt64 = 0
        var len = MemoryLayout<UInt64>.size
        return mallctl(cString(name), &value, &len, nil, 0) == 0 ? value : nil
    }

    /// A string literal's bytes, NUL-terminated by the compiler.
    private static func cString(_ name: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
