import Channels
import Testing

/// Regression: the ring once carried layout prespecializations (`_Trivial(64/128/256)`). The
/// generic entry point picked them by size and triviality alone, and the 32-byte body loaded its
/// argument with aligned SSE moves, so an 8-byte-aligned 32-byte element passed from a stack slot
/// at 8 mod 16 crashed `send` (SIGSEGV). These elements have exactly the sizes those bodies
/// served but only 4- or 8-byte alignment, and are sent from call sites whose temporaries sit at
/// different offsets; every value must come back intact and in order.
@Suite struct RingElementLayoutTests {
    /// 32 bytes, 8-byte aligned, trivial: the benchmark engine's `BenchMessage<InlinePayload8>` shape.
    struct Message32: Sendable, Equatable { var producer: UInt32; var sequence: UInt64; var sentAt: UInt64; var payload: UInt64 }
    /// 16 bytes, 4-byte aligned.
    struct Words16: Sendable, Equatable { var a: UInt32; var b: UInt32; var c: UInt32; var d: UInt32 }
    /// 8 bytes, 4-byte aligned.
    struct Pair8: Sendable, Equatable { var a: UInt32; var b: UInt32 }

    static func message(_ i: Int) -> Message32 {
        Message32(producer: UInt32(i % 7), sequence: UInt64(i), sentAt: UInt64(i) &* 3, payload: ~UInt64(i))
    }

    /// A call site with an odd number of 8-byte locals before the element's temporary.
    @inline(never)
    static func sendShifted(_ ring: RingChannel<Message32>, _ i: Int) throws {
        var pad: (UInt64, UInt64, UInt64) = (UInt64(i), 0, 0)
        withUnsafeMutablePointer(to: &pad) { _ in }
        try ring.send(message(i))
    }

    /// Same, through the protocol (unspecialized generic code).
    @inline(never)
    static func sendThroughProtocol<C: BlockingChannel>(_ ring: C, _ value: C.Element) throws {
        try ring.send(value)
    }

    @Test func thirtyTwoByteEightAlignedElementsRoundTrip() throws {
        let n = 4096
        let ring = RingChannel<Message32>(capacity: n)
        for i in 0..<n {
            switch i % 4 {
            case 0: try ring.send(Self.message(i))
            case 1: try Self.sendShifted(ring, i)
            case 2: try Self.sendThroughProtocol(ring, Self.message(i))
            default: #expect(ring.trySend(Self.message(i)) == .sent)
            }
        }
        for i in 0..<n { #expect(ring.receive() == Self.message(i)) }
        #expect(ring.count == 0)
    }

    @Test func sixteenAndEightByteElementsRoundTrip() throws {
        let a = RingChannel<Words16>(capacity: 1000)
        let b = RingChannel<Pair8>(capacity: 1000)
        for i in 0..<1000 {
            let v = UInt32(i)
            try a.send(Words16(a: v, b: ~v, c: v &* 5, d: 7))
            try Self.sendThroughProtocol(b, Pair8(a: v, b: ~v))
        }
        for i in 0..<1000 {
            let v = UInt32(i)
            #expect(a.receive() == Words16(a: v, b: ~v, c: v &* 5, d: 7))
            #expect(b.tryReceive() == .value(Pair8(a: v, b: ~v)))
        }
    }
}
