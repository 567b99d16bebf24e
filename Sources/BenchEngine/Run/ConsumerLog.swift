import Channels
import BenchSupport

/// What one consumer saw, recorded in the hot loop without locks or allocation (everything is
/// preallocated; exactly one thread writes a log during a run):
/// - per producer, a bitmap of received sequence numbers (duplicates within and — after the
///   merge — across consumers, and losses);
/// - per producer, the last sequence seen (per-producer FIFO as seen by this consumer);
/// - malformed messages (unknown producer, sequence out of range, payload stamp mismatch);
/// - the latency histogram.
package final class ConsumerLog: @unchecked Sendable {
    let producers: Int
    let perProducer: Int
    let wordsPerProducer: Int
    let bits: UnsafeMutablePointer<UInt64>
    let lastSeen: UnsafeMutablePointer<Int64>
    var received = 0
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

    /// Checks and records one message. Latency (now − `sentAt`) is recorded only for stamped
    /// messages (`sentAt != 0`), and the clock is read only then: a clock read costs about as
    /// much as a fast channel's whole operation, so reading it per message would dominate the
    /// harness floor.
    @inline(__always)
    func record<P: BenchPayload>(_ m: BenchMessage<P>, recordLatency: Bool) {
        let p = Int(m.producer)
        guard p < producers, m.sequence < UInt64(perProducer) else {
            malformed += 1
            noteFirst("malformed message (producer \(m.producer), sequence \(m.sequence))")
            return
        }
        let seq = Int(m.sequence)
        let word = bits + (p * wordsPerProducer + (seq >> 6))
        let mask: UInt64 = 1 << UInt64(seq & 63)
        if word.pointee & mask != 0 {
            duplicates += 1
            noteFirst("duplicate: producer \(p) sequence \(seq) received twice")
        } else {
            word.pointee |= mask
            if Int64(seq) < lastSeen[p] {
                reorders += 1
                noteFirst("per-producer FIFO: producer \(p) sequence \(seq) after \(lastSeen[p])")
            }
        }
        if Int64(seq) > lastSeen[p] { lastSeen[p] = Int64(seq) }
        if m.payload.stamp != BenchMessage<P>.stamp(producer: m.producer, sequence: m.sequence) {
            payloadMismatches += 1
            noteFirst("payload corrupted: producer \(p) sequence \(seq)")
        }
        received += 1
        if recordLatency && m.sentAt != 0 { latency.record(nanoseconds: monotonicNanoseconds() &- m.sentAt) }
    }

    @inline(never)
    private func noteFirst(_ s: String) {
        if firstViolation == nil { firstViolation = s }
    }
}
