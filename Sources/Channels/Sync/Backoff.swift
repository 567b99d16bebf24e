import CChannelsShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The spin → yield → park policy for a thread waiting on a lock-free structure.
///
/// Waiting has three phases, each more expensive to enter and cheaper to stay in:
/// 1. **Spin**: `2^step` CPU pause hints per call (x86 `pause`, ARM `yield`), doubling up to
///    `2^spinLimit`. Cheapest when the other side is *running* on another core and about to
///    finish (a producer mid-write, a consumer about to free a slot).
/// 2. **Yield**: `sched_yield()` per call, up to `yieldLimit` steps. Gives the core to a thread
///    that may be the one we wait for — essential when there are more threads than cores
///    (16 producers × 16 consumers on 2 cores), where spinning only burns the time slice the
///    other side needs.
/// 3. **Park**: once ``isCompleted`` is `true` the caller must sleep in the kernel (see
///    ``EventCount``). `Backoff` itself never sleeps and never spins without bound.
///
/// Defaults (spin limit 4 = at most 31 pauses in all, yield limit 20 = 16 yields) were measured
/// on the 2-core development VM against crossbeam's shape (spin 6, yield 10): one `pause`
/// costs ~100+ cycles on recent Intel cores (Skylake and later) instead of ~10, so fewer spin
/// steps; and with more threads than cores a longer yield phase keeps producers of a full
/// ring off the futex (mpsc 4×1 median ~375 → ~165 ns/msg; spsc, mpmc and 16×16 unchanged
/// or better). Parking earlier costs a futex wake on nearly every message of the other side.
struct Backoff {
    /// Steps up to this one spin `2^step` pauses; later steps yield.
    let spinLimit: UInt32
    /// After this step the waiter should park.
    let yieldLimit: UInt32
    private var step: UInt32 = 0

    init(spinLimit: UInt32 = 4, yieldLimit: UInt32 = 20) {
        self.spinLimit = spinLimit
        self.yieldLimit = max(yieldLimit, spinLimit)
    }

    /// Back off after losing a compare-and-swap race: a short, bounded busy-wait that never
    /// yields (the winner is making progress right now, so retry soon).
    @inline(__always)
    mutating func spin() {
        let n = 1 &<< min(step, spinLimit)
        for _ in 0..<n { cchannels_cpu_relax() }
        if step <= spinLimit { step &+= 1 }
    }

    /// Back off while waiting for *another thread* to act: spin while cheap, then yield the CPU.
    @inline(__always)
    mutating func snooze() {
        if step <= spinLimit {
            let n = 1 &<< step
            for _ in 0..<n { cchannels_cpu_relax() }
        } else {
            sched_yield()
        }
        if step <= yieldLimit { step &+= 1 }
    }

    /// `true` once spinning and yielding are used up: the caller should park instead of
    /// calling ``snooze()`` again.
    @inline(__always)
    var isCompleted: Bool { step > yieldLimit }

    /// `true` while ``snooze()`` still busy-waits (has not reached the yield phase).
    @inline(__always)
    var isSpinning: Bool { step <= spinLimit }
}

/// One CPU pause hint (see ``Backoff``).
@inlinable @inline(__always)
func cpuRelax() { cchannels_cpu_relax() }
