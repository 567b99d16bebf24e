import Channels
import Testing

/// The list channel's block storage: blocks of 31 slots, allocated as the tail crosses into
/// them and freed by the receivers that drain them.
@Suite struct ListBlockTests {
    /// Slots per block (a lap of 32 indices minus the block-end marker).
    static let slotsPerBlock = 31

    @Test(arguments: [1, 30, 31, 32, 62, 100, 31 * 40 + 7])
    func blocksAreFreedAsTheyDrain(messages: Int) {
        let list = ListChannel<Int>()
        #expect(list.liveBlocks == 0, "nothing is allocated before the first send")
        for i in 0..<messages { #expect(list.trySend(i) == .sent) }
        // The sender of a block's last slot links in the next one, so n messages span
        // n / 31 + 1 blocks.
        #expect(list.liveBlocks == messages / Self.slotsPerBlock + 1)
        for i in 0..<messages { #expect(list.tryReceive() == .value(i)) }
        #expect(list.liveBlocks == 1, "a drained list keeps only the block the tail is in")
    }

    @Test func blocksAreFreedWhileSendsContinue() {
        // A steady stream through a short backlog never holds more than the backlog's blocks.
        let list = ListChannel<Int>()
        let backlog = 40
        for i in 0..<backlog { #expect(list.trySend(i) == .sent) }
        var peak = list.liveBlocks
        for i in backlog..<(backlog + 31 * 100) {
            #expect(list.trySend(i) == .sent)
            #expect(list.tryReceive() == .value(i - backlog))
            peak = max(peak, list.liveBlocks)
        }
        #expect(peak <= backlog / Self.slotsPerBlock + 2)
    }

    @Test(arguments: [0, 1, 30, 31, 32, 61, 62, 63, 200])
    func countIsExactAcrossBlockEnds(messages: Int) {
        let list = ListChannel<Int>()
        for i in 0..<messages { #expect(list.trySend(i) == .sent) }
        #expect(list.count == messages)
        for received in 0..<messages {
            _ = list.tryReceive()
            #expect(list.count == messages - received - 1)
        }
    }

    @Test func receivedElementsAreReleasedAndDroppingReleasesTheRest() {
        let deinits = Counter()
        do {
            let list = ListChannel<Tracked>()
            for i in 0..<100 { #expect(list.trySend(Tracked(i, deinits: deinits)) == .sent) }
            for _ in 0..<45 { _ = list.receive() }
            // A received element belongs to the caller alone: once it is gone, so is it.
            #expect(deinits.current == 45)
            list.close()
            #expect(list.trySend(Tracked(-1, deinits: deinits)) == .closed)
            #expect(deinits.current == 46, "a refused element is not kept")
        }
        #expect(deinits.current == 101, "dropping the list releases every undelivered element")
    }

    @Test func elementsOfEveryLayoutRoundTrip() throws {
        // Reference-counted, wide and over-aligned elements across several block ends.
        let strings = ListChannel<String>()
        let vectors = ListChannel<SIMD8<Double>>()
        let bytes = ListChannel<UInt8>()
        for i in 0..<100 {
            try strings.send("message \(i)")
            try vectors.send(SIMD8(repeating: Double(i)))
            try bytes.send(UInt8(i))
        }
        for i in 0..<100 {
            #expect(strings.receive() == "message \(i)")
            #expect(vectors.receive() == SIMD8(repeating: Double(i)))
            #expect(bytes.receive() == UInt8(i))
        }
    }

    @Test func onlyUnboundedIsAccepted() throws {
        #expect(throws: ChannelConfigurationError.unsupportedCapacity(implementation: "list", capacity: .bounded(4))) {
            try ListChannel<Int>(capacity: .bounded(4))
        }
        #expect(throws: ChannelConfigurationError.negativeCapacity(-1)) { try ListChannel<Int>(capacity: .bounded(-1)) }
        #expect(try ListChannel<Int>(capacity: .unbounded).capacity == .unbounded)
    }
}
