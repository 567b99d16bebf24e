import Testing
import Channels

/// The registry's white-box facts about particular built-ins and its own validation. What a
/// descriptor declares about the channels it makes is verify's `declared-shape` check.
@Suite struct RegistryTests {
    @Test(arguments: AsyncCases.descriptors)
    func unsupportedCapacitiesAreRejected(_ d: ChannelDescriptor) {
        for capacity in AsyncCases.probeCapacities + [.bounded(-1)] where !d.supports(capacity) {
            #expect(throws: ChannelConfigurationError.self) {
                _ = try makeAsyncChannel(of: Int.self, implementation: d.name, capacity: capacity)
            }
        }
    }

    @Test(arguments: AsyncCases.descriptors.filter(\.lossy))
    func lossyImplementationsSaySo(_ d: ChannelDescriptor) {
        #expect(d.summary.lowercased().contains("lossy"))
    }

    @Test func actorFlavorIsReallyAnActor() {
        let d = ChannelRegistry.named("actor")!
        #expect(d.family == "actor" && d.cancellable && d.supportsTryAndTimeout)
        #expect(d.makeSuspending(Int.self, capacity: .bounded(4))! is any Actor)
    }

    @Test func ecosystemAdaptersAreRegistered() {
        let names = Set(ChannelRegistry.builtIn.filter { $0.family == "ecosystem" }.map(\.name))
        #expect(names == ["asyncstream", "asyncstream-oldest", "asyncchannel", "mpsc-channel"])
        #expect(ChannelRegistry.named("asyncstream-oldest")!.lossy)
        #expect(!ChannelRegistry.named("asyncstream")!.multiConsumer)
        #expect(!ChannelRegistry.named("mpsc-channel")!.multiConsumer)
        #expect(ChannelRegistry.named("asyncchannel")!.multiConsumer)
    }

    /// The watermark adapter declares the marks it is built with: low = max(1, n/2), high = n.
    @Test(arguments: [1, 2, 16, 1000])
    func watermarkMapping(_ n: Int) throws {
        let marks = try #require(ChannelRegistry.named("mpsc-channel")!.watermark).marks(n)
        #expect(marks.high == n)
        #expect(marks.low == max(1, n / 2))
    }
}
