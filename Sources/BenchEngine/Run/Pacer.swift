#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Channels

/// Open-loop pacing (`--rate`): message `i` of a producer is *intended* to be sent at
/// `start + i × interval`. The message carries the intended time, so a producer that falls
/// behind (because the channel blocked it) still charges the delay to latency — no coordinated
/// omission, as wrk2 does it. Waiting sleeps while far ahead and yields when close, because
/// Linux timer slack makes short sleeps ~50 µs late.
package struct Pacer: Sendable {
    let start: UInt64
    let intervalNanoseconds: Double

    /// `nil` for closed loop; otherwise paced at `perProducerRate` msgs/s from now.
    static func make(perProducerRate: Double?) -> Pacer? {
        guard let r = perProducerRate, r > 0 else { return nil }
        return Pacer(start: monotonicNanoseconds(), intervalNanoseconds: 1e9 / r)
    }

    @inline(__always)
    func intendedTime(_ i: Int) -> UInt64 { start &+ UInt64(Double(i) * intervalNanoseconds) }

    /// Blocks the thread until `t` (monotonic ns).
    static func waitBlocking(until t: UInt64) {
        while true {
            let now = monotonicNanoseconds()
            if now >= t { return }
            let ahead = t - now
            if ahead > 200_000 {
                var ts = timespec(tv_sec: 0, tv_nsec: Int(ahead - 100_000))
                nanosleep(&ts, nil)
            } else {
                sched_yield()
            }
        }
    }

    /// Suspends the task until `t` (monotonic ns).
    static func waitSuspending(until t: UInt64) async {
        while true {
            let now = monotonicNanoseconds()
            if now >= t { return }
            let ahead = t - now
            if ahead > 1_000_000 {
                try? await Task.sleep(nanoseconds: ahead - 500_000)
            } else {
                await Task.yield()
            }
        }
    }
}
