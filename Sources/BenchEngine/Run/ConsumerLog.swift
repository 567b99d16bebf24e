import Channels
import BenchSupport

/// What one consumer saw, recorded in the hot loop without locks or allocation (everything is
/// preallocated; exactly one thread writes a log during a run):
/// - per producer, a bitmap of received sequence numbers (duplicates within and — after the
///   merge — across consumers, and losses);
/// - per producer, the last sequence seen (per-producer FIFO as seen by this consumer);
/// - malformed messages (unknown producer, sequence out of range, payload stamp mismatch);
/// - the latency histogram.
///
/// The per-message path touches only the two preallocated arrays through `let` pointers: a
/// stored `var` of a class costs a runtime exclusivity check per access, which on the fastest
/// channels would be a visible share of the whole hand-off. The counters below change only on
/// a violation (or a timed message), off that path.
package final class ConsumerLog: @unchecked Sendable {
    let producers: Int
    let perProducer: Int
    let wordsPerProducer: Int
    let bits: UnsafeMutablePointer<UInt64>
    let lastSeen: UnsafeMutablePointer<Int64>
    var duplicates = 0
    var reorders = 0
    var malformed = 0
    var payloadMismatches = 0
    /// First violation seen, for the failure message.
    var firstViolation: String?
    var latency = LatencyRecorder()
    /// CLOCK_MONOTONIC ns when this consumer finished.
    var finishedAt: UInt64 = 0

    init(producers: Int, perProducer: Int) {
        self.producers = producers
        self.perProducer = perProducer
        wordsPerProducer = (perProducer + 63) / 64
        bits = .allocate(capacity: max(1, producers * wordsPerProducer))
        bits.initialize(repeating: 0, count: max(1, producers * wordsPerProducer))
        lastSeen = .allocate(capacity: producers)
        lastSeen.initialize(repeating: -1, count: producers)
    }

    deinit {
        bits.deallocate()
        lastSeen.deallocate()
    }

    /// Well-formed messages received: each one either set a new bit or was a duplicate, so
    /// this is counted after the run instead of per message.
    var received: Int {
        var n = duplicates
        for i in 0..<(producers * wordsPerProducer) { n += bits[i].nonzeroBitCount }
        return n
    }

    /// Checks and records one message. Latency (now − `sentAt`) is recorded only for stamped
    /// messages (`sentAt != 0`), and the clock is read only then: a clock read costs about as
    /// much as a fast channel's whole operation, so reading it per message would dominate the
    /// harness floor. Throughput mode stamps none, so its path has no clock read at all.
    @inline(__always)
    func record<P: BenchPayload>(_ m: BenchMessage<P>, recordLatency: Bool) {
        let p = Int(m.producer)
        guard p < producers, m.sequence < UInt64(perProducer) else {
            noteMalformed(producer: m.producer, sequence: m.sequence)
            return
        }
        let seq = Int64(m.sequence)
        let last = lastSeen + p
        // A sequence above the last one this consumer saw from `p` cannot have its bit set yet
        // (every set bit is at most the last), so one compare both checks FIFO and rules out a
        // duplicate; only the rare other case reads the bit.
        if seq > last.pointee {
            last.pointee = seq
            bits[p &* wordsPerProducer &+ Int(seq >> 6)] |= 1 &<< UInt64(seq & 63)
        } else {
            noteNotAfterLast(producer: p, sequence: seq)
        }
        if m.payload.stamp != BenchMessage<P>.stamp(producer: m.producer, sequence: m.sequence) {
            notePayloadMismatch(producer: p, sequence: seq)
        }
        if recordLatency && m.sentAt != 0 { latency.record(nanoseconds: monotonicNanoseconds() &- m.sentAt) }
    }

    /// A sequence at or below the last one seen from `producer`: a duplicate if its bit is
    /// set, else a reordered message (recorded as received).
    @inline(never)
    private func noteNotAfterLast(producer p: Int, sequence seq: Int64) {
        let word = bits + (p * wordsPerProducer + Int(seq >> 6))
        let mask: UInt64 = 1 << UInt64(seq & 63)
        if word.pointee & mask != 0 {
            duplicates += 1
            noteFirst("duplicate: producer \(p) sequence \(seq) received twice")
        } else {
            word.pointee |= mask
            reorders += 1
            noteFirst("per-producer FIFO: producer \(p) sequence \(seq) after \(lastSeen[p])")
        }
    }

    @inline(never)
    private func noteMalformed(producer: UInt32, sequence: UInt64) {
        malformed += 1
        noteFirst("malformed message (producer \(producer), sequence \(sequence))")
    }

    @inline(never)
    private func notePayloadMismatch(producer p: Int, sequence seq: Int64) {
        payloadMismatches += 1
        noteFirst("payload corrupted: producer \(p) sequence \(seq)")
    }

    private func noteFirst(_ s: String) {
        if firstViolation == nil { firstViolation = s }
    }
}
