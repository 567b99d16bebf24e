#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A point on CLOCK_MONOTONIC, for timeouts that wall-clock changes cannot shorten or stretch.
/// Condition variables waiting on it must be created with `pthread_condattr_setclock(MONOTONIC)`.
public struct MonotonicDeadline: Sendable, Comparable {
    /// Nanoseconds since an arbitrary fixed point (boot).
    public let nanoseconds: UInt64

    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    public static func now() -> MonotonicDeadline {
        MonotonicDeadline(nanoseconds: monotonicNanoseconds())
    }

    /// `now + timeout`; negative timeouts mean "already passed"; huge ones saturate.
    public static func after(_ timeout: Duration) -> MonotonicDeadline {
        let (s, attos) = timeout.components
        if s < 0 || (s == 0 && attos <= 0) { return now() }
        let ns = UInt64(clamping: s).multipliedReportingOverflow(by: 1_000_000_000)
        let total = ns.overflow ? UInt64.max : ns.partialValue.addingReportingOverflow(UInt64(attos / 1_000_000_000)).partialValue
        let (sum, o) = monotonicNanoseconds().addingReportingOverflow(total)
        return MonotonicDeadline(nanoseconds: o ? UInt64.max : sum)
    }

    public var hasPassed: Bool { MonotonicDeadline.now() >= self }

    /// Nanoseconds left, 0 once passed.
    public var remainingNanoseconds: UInt64 {
        let n = monotonicNanoseconds()
        return nanoseconds > n ? nanoseconds - n : 0
    }

    /// The deadline as an absolute `timespec` for `pthread_cond_timedwait`.
    public var timespec: timespec {
        let capped = min(nanoseconds, UInt64(Int64.max / 2))
        return Glibc.timespec(tv_sec: Int(capped / 1_000_000_000), tv_nsec: Int(capped % 1_000_000_000))
    }

    public static func < (a: MonotonicDeadline, b: MonotonicDeadline) -> Bool { a.nanoseconds < b.nanoseconds }
}

/// CLOCK_MONOTONIC in nanoseconds.
@inline(__always)
public func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}
