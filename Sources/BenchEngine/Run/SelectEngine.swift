import Channels
import BenchModel

/// Runs the select workloads (``Workload/usesSelect``): one channel per producer, all of one
/// concrete type. Built-in flavors run through their concrete types, a plug-in's blocking
/// channel through its ``SelectableChannel`` conformance, opened once.
enum SelectEngine {
    static func run<P: BenchPayload>(_ c: RunConfiguration, _: P.Type, settings: EngineSettings) -> EngineOutput {
        typealias M = BenchMessage<P>
        let d = c.implementation
        if let flavor = BuiltInFlavor(d), settings.specializeBuiltIns || d.kind == .async {
            if let output = flavor.withSelectableBlocking(capacity: c.capacity, BlockingSelectRun<P>(configuration: c, settings: settings)) {
                return output
            }
            if let make = flavor.asyncSelectableFactory(M.self, capacity: c.capacity) {
                let channels = (0..<c.producers).map { _ in SuspendingWorkloadDriver<ActorChannel<M>, P>(channel: make()) }
                return Workloads.selectStreams(channels, c, settings: settings)
            }
        }
        if d.kind == .blocking, let first = d.makeBlocking(M.self, capacity: c.capacity) as? any SelectableChannel<M> {
            return open(first, P.self, c, settings: settings)
        }
        return .refused(c, "\(d.name) declares select participation \(d.select) but its channels are not "
            + (d.kind == .blocking ? "SelectableChannel" : "ActorChannel (the async select waits on actor channels only)"))
    }

    /// The registry's path: `first`'s dynamic type becomes `C`; the other channels come from the
    /// same maker, so they have that type too.
    private static func open<C: SelectableChannel, P: BenchPayload>(_ first: C, _: P.Type, _ c: RunConfiguration,
                                                                    settings: EngineSettings) -> EngineOutput
    where C.Element == BenchMessage<P> {
        var channels = [BlockingWorkloadDriver<C, P>(channel: first)]
        for _ in 1..<c.producers {
            channels.append(BlockingWorkloadDriver(channel: c.implementation.makeBlocking(BenchMessage<P>.self, capacity: c.capacity) as! C))
        }
        return Workloads.selectStreams(channels, c, settings: settings)
    }

    /// The select workloads for a built-in blocking flavor's concrete type.
    struct BlockingSelectRun<P: BenchPayload>: SelectableChannelBody {
        typealias Element = BenchMessage<P>
        let configuration: RunConfiguration
        let settings: EngineSettings

        func run<C: SelectableChannel>(_ make: () -> C) -> EngineOutput where C.Element == BenchMessage<P> {
            let channels = (0..<configuration.producers).map { _ in BlockingWorkloadDriver<C, P>(channel: make()) }
            return Workloads.selectStreams(channels, configuration, settings: settings)
        }
    }
}
