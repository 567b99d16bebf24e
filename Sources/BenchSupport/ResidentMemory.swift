#if canImport(Glibc)
import Glibc
#endif

/// Current resident set size from `/proc/self/statm` (second field × page size). Unlike
/// `getrusage`'s `ru_maxrss` (a lifetime peak that never falls) this is the present value, so
/// sampling it during one run gives that run's peak. Reads into a stack buffer through a kept
/// file descriptor: a sample allocates nothing, so it never disturbs `allocs_per_msg`.
package final class ResidentMemory: @unchecked Sendable {
    private let fd: Int32
    private let pageSize: Int

    package init() {
        fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Resident bytes now, or `nil` where `/proc` is missing.
    package func residentBytes() -> Int? {
        guard fd >= 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buf -> Int? in
            let n = pread(fd, buf.baseAddress, 127, 0)
            guard n > 0 else { return nil }
            // Fields: size resident shared ...; skip the first, parse the second.
            var i = 0
            while i < n && buf[i] != 0x20 { i += 1 }
            i += 1
            var pages = 0
            var digits = 0
            while i < n, buf[i] >= 0x30, buf[i] <= 0x39 {
                pages = pages * 10 + Int(buf[i] - 0x30)
                digits += 1
                i += 1
            }
            return digits > 0 ? pages * pageSize : nil
        }
    }
}
