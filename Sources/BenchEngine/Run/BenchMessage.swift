/// One benchmark message: who sent it, its position in that producer's stream, when it was
/// (or, in open-loop mode, *should have been*) sent, and a payload of `message_bytes`.
/// The header is 24 bytes on top of the payload; `message_bytes` in the CSV is the payload size.
package struct BenchMessage<Payload: BenchPayload>: Sendable {
    package var producer: UInt32
    package var sequence: UInt64
    /// CLOCK_MONOTONIC ns at send (closed loop) or the intended send time (open loop).
    package var sentAt: UInt64
    package var payload: Payload

    @inlinable @inline(__always)
    package init(producer: UInt32, sequence: UInt64, sentAt: UInt64, byteCount: Int) {
        self.producer = producer
        self.sequence = sequence
        self.sentAt = sentAt
        self.payload = Payload(byteCount: byteCount, stamp: BenchMessage.stamp(producer: producer, sequence: sequence))
    }

    /// What the payload of message (`producer`, `sequence`) must carry.
    @inlinable @inline(__always)
    package static func stamp(producer: UInt32, sequence: UInt64) -> UInt64 {
        (UInt64(producer) << 40) ^ sequence ^ 0x5A5A_0000_0000_0000
    }
}
