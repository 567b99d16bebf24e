import Testing
@testable import BenchEngine

/// The send-time decision every sending loop shares.
@Suite struct SendStampTests {
    /// Which of the first `n` messages carry a time.
    private func stamped(sampleEvery: Int, _ n: Int = 10) -> [Int] {
        var stamp = SendStamp(pacer: nil, sampleEvery: sampleEvery)
        return (0..<n).filter { stamp.next($0) != 0 }
    }

    @Test func stampsEveryKthMessageStartingWithTheFirst() {
        #expect(stamped(sampleEvery: 3) == [0, 3, 6, 9])
        #expect(stamped(sampleEvery: 1) == Array(0..<10))
        #expect(stamped(sampleEvery: 8, 20) == [0, 8, 16])
    }

    @Test func throughputModeStampsNothing() {
        #expect(stamped(sampleEvery: 0, 1000).isEmpty)
        #expect(SendStamp(pacer: nil, sampleEvery: 0).stampsNothing)
        #expect(!SendStamp(pacer: nil, sampleEvery: 8).stampsNothing)
    }

    @Test func pacedMessagesCarryTheirIntendedTime() {
        let pacer = Pacer(start: 1_000, intervalNanoseconds: 250)
        var stamp = SendStamp(pacer: pacer, sampleEvery: 0)
        #expect(!stamp.stampsNothing)
        #expect((0..<4).map { stamp.next($0) } == [1_000, 1_250, 1_500, 1_750])
    }
}
