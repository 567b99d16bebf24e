import Testing
import Channels

@Suite struct CapacityParsingTests {
    @Test func parsesNumbersAndUnbounded() {
        #expect(ChannelCapacity(parsing: "0") == .bounded(0))
        #expect(ChannelCapacity(parsing: "1024") == .bounded(1024))
        #expect(ChannelCapacity(parsing: "unbounded") == .unbounded)
        #expect(ChannelCapacity.unbounded.description == "unbounded")
    }

    @Test func rejectsNegativeAndGarbage() {
        #expect(ChannelCapacity(parsing: "-1") == nil)
        #expect(ChannelCapacity(parsing: "lots") == nil)
        #expect(ChannelCapacity(parsing: "") == nil)
    }
}
