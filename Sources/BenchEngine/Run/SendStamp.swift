import Channels

/// Which send time a producer's next message carries: the intended time when paced
/// (open loop), else a clock read on every `sampleEvery`-th message, else 0 (no clock read).
/// The one place this decision is written; every sending loop of every driver uses it.
///
/// A countdown instead of `s % sampleEvery`: an integer division per message would cost a fast
/// channel's whole hand-off. Throughput loops (``stampsNothing``) skip it altogether.
struct SendStamp {
    private let pacer: Pacer?
    private let sampleEvery: Int
    /// Messages until the next clock read; never reaches 0 when `sampleEvery` is 0.
    private var untilStamp: Int

    init(pacer: Pacer?, sampleEvery: Int) {
        self.pacer = pacer
        self.sampleEvery = sampleEvery
        untilStamp = sampleEvery == 0 ? Int.max : 0
    }

    /// `true` when no message carries a time: the caller can run its stamp-free loop.
    var stampsNothing: Bool { pacer == nil && sampleEvery == 0 }

    /// The send time of message `s` without waiting for it (see ``nextBlocking(_:)``).
    @inline(__always)
    mutating func next(_ s: Int) -> UInt64 {
        if let pacer { return pacer.intendedTime(s) }
        if untilStamp == 0 {
            untilStamp = sampleEvery - 1
            return monotonicNanoseconds()
        }
        untilStamp -= 1
        return 0
    }

    /// The send time of message `s`; when paced, blocks the thread until that time.
    @inline(__always)
    mutating func nextBlocking(_ s: Int) -> UInt64 {
        let t = next(s)
        if pacer != nil { Pacer.waitBlocking(until: t) }
        return t
    }

    /// The send time of message `s`; when paced, suspends the task until that time.
    @inline(__always)
    mutating func nextSuspending(_ s: Int) async -> UInt64 {
        let t = next(s)
        if pacer != nil { await Pacer.waitSuspending(until: t) }
        return t
    }
}
