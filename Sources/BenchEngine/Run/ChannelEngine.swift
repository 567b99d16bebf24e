import Channels
import BenchModel

/// Runs one configuration: the `null` baseline directly, a built-in flavor through its
/// concrete type (``BuiltInFlavor``, so its body specializes for the message type), anything
/// else through the registry's existential, opened once so the per-message code is the same
/// generic code either way.
package enum ChannelEngine {
    static func run<P: BenchPayload>(_ c: RunConfiguration, _: P.Type, settings: EngineSettings) -> EngineOutput {
        let d = c.implementation
        if BenchImplementations.isBaseline(d) {
            return d.kind == .async ? AsyncDirectEngine.run(c, P.self, settings: settings) : DirectEngine.run(c, P.self, settings: settings)
        }
        if c.workload.usesSelect { return SelectEngine.run(c, P.self, settings: settings) }
        typealias M = BenchMessage<P>
        switch d.kind {
        case .blocking:
            if settings.specializeBuiltIns, let flavor = BuiltInFlavor(d),
               let output = flavor.withBlocking(capacity: c.capacity, BlockingRun<P>(configuration: c, settings: settings)) {
                return output
            }
            guard let channel = d.makeBlocking(M.self, capacity: c.capacity) else { preconditionFailure("\(d.name) is not blocking") }
            return openBlocking(channel, P.self, c, settings: settings)
        case .async:
            if settings.specializeBuiltIns, let flavor = BuiltInFlavor(d),
               let output = flavor.withSuspending(capacity: c.capacity, SuspendingRun<P>(configuration: c, settings: settings)) {
                return output
            }
            guard let channel = d.makeSuspending(M.self, capacity: c.capacity) else { preconditionFailure("\(d.name) is not async") }
            return openSuspending(channel, P.self, c, settings: settings)
        }
    }

    /// The registry's path: `channel`'s dynamic type becomes `C` (the existential is opened
    /// here, once); pingpong's second channel comes from the same maker, so it has that type too.
    private static func openBlocking<C: BlockingChannel, P: BenchPayload>(_ channel: C, _: P.Type, _ c: RunConfiguration,
                                                                          settings: EngineSettings) -> EngineOutput
    where C.Element == BenchMessage<P> {
        Workloads.run(c, settings: settings, channel: BlockingWorkloadDriver<C, P>(channel: channel)) {
            BlockingWorkloadDriver(channel: c.implementation.makeBlocking(BenchMessage<P>.self, capacity: c.capacity) as! C)
        }
    }

    private static func openSuspending<C: SuspendingChannel, P: BenchPayload>(_ channel: C, _: P.Type, _ c: RunConfiguration,
                                                                              settings: EngineSettings) -> EngineOutput
    where C.Element == BenchMessage<P> {
        Workloads.run(c, settings: settings, channel: SuspendingWorkloadDriver<C, P>(channel: channel)) {
            SuspendingWorkloadDriver(channel: c.implementation.makeSuspending(BenchMessage<P>.self, capacity: c.capacity) as! C)
        }
    }

    /// The workloads for a built-in blocking flavor's concrete type.
    struct BlockingRun<P: BenchPayload>: BlockingChannelBody {
        typealias Element = BenchMessage<P>
        let configuration: RunConfiguration
        let settings: EngineSettings

        @inline(__always)
        func run<C: BlockingChannel>(_ make: () -> C) -> EngineOutput where C.Element == BenchMessage<P> {
            Workloads.run(configuration, settings: settings, channel: BlockingWorkloadDriver<C, P>(channel: make())) {
                BlockingWorkloadDriver(channel: make())
            }
        }
    }

    /// The workloads for a built-in suspending flavor's concrete type.
    struct SuspendingRun<P: BenchPayload>: SuspendingChannelBody {
        typealias Element = BenchMessage<P>
        let configuration: RunConfiguration
        let settings: EngineSettings

        @inline(__always)
        func run<C: SuspendingChannel>(_ make: () -> C) -> EngineOutput where C.Element == BenchMessage<P> {
            Workloads.run(configuration, settings: settings, channel: SuspendingWorkloadDriver<C, P>(channel: make())) {
                SuspendingWorkloadDriver(channel: make())
            }
        }
    }
}
