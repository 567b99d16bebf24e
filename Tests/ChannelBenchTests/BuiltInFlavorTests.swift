import Testing
import Channels
@testable import BenchModel
@testable import BenchEngine

/// The engine's concrete-type path for built-in flavors must build exactly what the registry's
/// maker builds (same dynamic type), cover every built-in, and never capture anything else.
/// Serialized, and running only blocking flavors: a synchronous `runOnce` of an *async* flavor
/// blocks a cooperative-pool thread while its tasks need the pool (2 threads here), so two such
/// runs in parallel tests starve each other into the watchdog.
@Suite(.serialized) struct BuiltInFlavorTests {
    /// Records the concrete channel type the engine would run.
    struct BlockingProbe: BlockingChannelBody {
        typealias Element = BenchMessage<InlinePayload8>
        func run<C: BlockingChannel>(_ make: () -> C) -> ObjectIdentifier where C.Element == Element {
            let channel = make()
            channel.close()
            return ObjectIdentifier(type(of: channel))
        }
    }

    struct SuspendingProbe: SuspendingChannelBody {
        typealias Element = BenchMessage<InlinePayload8>
        func run<C: SuspendingChannel>(_ make: () -> C) -> ObjectIdentifier where C.Element == Element {
            let channel = make()
            channel.close()
            return ObjectIdentifier(type(of: channel))
        }
    }

    /// A capacity the descriptor accepts.
    static func capacity(for d: ChannelDescriptor) -> ChannelCapacity {
        if d.supports(.bounded(16)) { return .bounded(16) }
        if d.supports(.unbounded) { return .unbounded }
        return .bounded(0)
    }

    /// A registered built-in whose descriptor does not lead back to its own case would run
    /// through the generic path, and its rows would not be comparable with the others.
    @Test func everyBuiltInHasAConcretePath() {
        #expect(ChannelRegistry.builtIn.map(\.name) == BuiltInFlavor.allCases.map(\.rawValue))
        for d in ChannelRegistry.builtIn {
            #expect(BuiltInFlavor(d)?.rawValue == d.name, "\(d.name) runs only through the generic path")
        }
    }

    @Test(arguments: BuiltInFlavor.allCases)
    func concretePathBuildsWhatTheRegistryBuilds(_ flavor: BuiltInFlavor) throws {
        let d = try #require(ChannelRegistry.named(flavor.rawValue))
        let cap = Self.capacity(for: d)
        typealias M = BenchMessage<InlinePayload8>
        switch d.kind {
        case .blocking:
            let viaRegistry = try #require(d.makeBlocking(M.self, capacity: cap))
            viaRegistry.close()
            let viaEngine = try #require(flavor.withBlocking(capacity: cap, BlockingProbe()))
            #expect(viaEngine == ObjectIdentifier(type(of: viaRegistry)))
            #expect(flavor.withSuspending(capacity: cap, SuspendingProbe()) == nil)
        case .async:
            let viaRegistry = try #require(d.makeSuspending(M.self, capacity: cap))
            viaRegistry.close()
            let viaEngine = try #require(flavor.withSuspending(capacity: cap, SuspendingProbe()))
            #expect(viaEngine == ObjectIdentifier(type(of: viaRegistry)))
            #expect(flavor.withBlocking(capacity: cap, BlockingProbe()) == nil)
        }
        // The select engine learns async-select participation from the flavor: it must agree with the descriptor.
        #expect((flavor.asyncSelectableFactory(M.self, capacity: cap) != nil) == (d.select == .async))
    }

    @Test func aUserChannelUnderABuiltInNameTakesTheGenericPath() {
        let impostor = ChannelDescriptor(name: "ring", family: "test", summary: "user channel named ring",
                                         supportsRendezvous: false, supportsBounded: true, supportsUnbounded: true,
                                         maker: TestDescriptors.good.maker)
        #expect(BuiltInFlavor(impostor) == nil)
        #expect(BuiltInFlavor(TestDescriptors.good) == nil)
    }

    /// Both paths run and verify the same configuration.
    @Test(arguments: ["condvar", "ring", "dispatch"])
    func bothPathsVerify(_ name: String) throws {
        let d = try #require(ChannelRegistry.named(name))
        let config = RunConfiguration(implementation: d, workload: .mpmc, producers: 2, consumers: 2, capacity: .bounded(16),
                                      messageBytes: 8, messages: 4000, rate: nil)
        for specialize in [true, false] {
            let runner = BenchmarkRunner(options: RunOptions(repetitions: 1, warmup: 0, specializeBuiltIns: specialize))
            let r = runner.runOnce(config, repetition: 1)
            #expect(r.verified, "\(name) specialize=\(specialize): \(r.failure ?? "")")
        }
    }
}
