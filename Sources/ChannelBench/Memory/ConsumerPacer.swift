/// Holds a consumer to one message per `intervalNanoseconds`, measured against the clock.
///
/// Linux timer slack turns a 1 µs sleep into ~50 µs, so short delays spin on the monotonic
/// clock and only long remainders sleep. Pacing against a schedule (start + i × interval)
/// rather than sleeping after each message means a consumer that was held up does not fall
/// further behind: the average rate is exactly the one asked for.
struct ConsumerPacer {
    let intervalNanoseconds: UInt64
    private var next: UInt64

    init(intervalNanoseconds: UInt64) {
        self.intervalNanoseconds = intervalNanoseconds
        self.next = monotonicNanoseconds()
    }

    /// Blocks the thread until the next slot.
    mutating func waitForNextSlot() {
        guard intervalNanoseconds > 0 else { return }
        next &+= intervalNanoseconds
        let remaining = remainingNanoseconds()
        if remaining > 2_000_000 {
            var ts = timespec(tv_sec: 0, tv_nsec: Int(remaining - 1_000_000))
            nanosleep(&ts, nil)
        }
        while monotonicNanoseconds() < next {}
    }

    /// The async variant: sleeps the task for long remainders, spins for short ones.
    mutating func waitForNextSlotAsync() async {
        guard intervalNanoseconds > 0 else { return }
        next &+= intervalNanoseconds
        let remaining = remainingNanoseconds()
        if remaining > 2_000_000 {
            try? await Task.sleep(for: .nanoseconds(Int(remaining - 1_000_000)))
        }
        while monotonicNanoseconds() < next {}
    }

    private func remainingNanoseconds() -> UInt64 {
        let now = monotonicNanoseconds()
        return next > now ? next - now : 0
    }
}

#if canImport(Glibc)
import Glibc
#endif
