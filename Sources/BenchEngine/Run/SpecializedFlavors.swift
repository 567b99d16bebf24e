import Channels

/// Built-in flavors run through their *concrete* types, so the engine's payload-specialized
/// code calls `RingChannel<BenchMessage<P>>.send` and friends directly.
///
/// Why: the registry hands out `any BlockingChannel<Element>` made by a generic maker in
/// module `Channels`. A call through that existential runs the flavor's *unspecialized* body
/// (value-witness calls per element copy, metadata lookups), and no compiler flag can fix that:
/// the concrete type is chosen at run time behind a protocol. Naming the concrete type here
/// lets the compiler specialize the flavor's body for the message type — provided the body is
/// visible across modules, which `-Xswiftc -cross-module-optimization` on the release build
/// (Makefile `release`) arranges. Without it (debug builds, tests) this path is still correct,
/// it just calls the generic entry points.
///
/// The registry stays the single source of truth: a descriptor takes this path only if it *is*
/// the built-in one (same name and same maker type as in ``ChannelRegistry/builtIn``), and the
/// construction mirrors that maker one-for-one (checked by a test that compares the dynamic
/// types). Anything else — a user's channel, a replacement under a built-in name — runs
/// through the registry's generic path, exactly as before.
package enum SpecializedFlavor: String, CaseIterable, Sendable {
    case condvar, dispatch, ring
    case actor, asyncStream = "asyncstream", asyncStreamOldest = "asyncstream-oldest"
    case asyncChannel = "asyncchannel", mpscChannel = "mpsc-channel"

    /// The built-in flavor `descriptor` is, or `nil` for any other implementation.
    init?(_ descriptor: ChannelDescriptor) {
        guard let flavor = SpecializedFlavor(rawValue: descriptor.name),
              let builtIn = ChannelRegistry.builtIn.first(where: { $0.name == descriptor.name }),
              Self.makerType(descriptor.maker) == Self.makerType(builtIn.maker)
        else { return nil }
        self = flavor
    }

    private static func makerType(_ maker: ChannelDescriptor.Maker) -> ObjectIdentifier {
        switch maker {
        case .blocking(let m): return ObjectIdentifier(type(of: m) as Any.Type)
        case .suspending(let m): return ObjectIdentifier(type(of: m) as Any.Type)
        }
    }
}

/// Receives a concretely typed blocking channel factory; the engine's workload code.
package protocol BlockingChannelRun {
    associatedtype Element: Sendable
    associatedtype Output
    func run<C: BlockingChannel>(_ make: () -> C) -> Output where C.Element == Element
}

/// Receives a concretely typed suspending channel factory.
package protocol SuspendingChannelRun {
    associatedtype Element: Sendable
    associatedtype Output
    func run<C: SuspendingChannel>(_ make: () -> C) -> Output where C.Element == Element
}

extension SpecializedFlavor {
    /// Runs `body` with a factory of this flavor's concrete blocking type, or returns `nil`
    /// if the flavor is not blocking. `@inline(__always)` so each `case` is a direct,
    /// specializable call in the payload-specialized caller.
    @inline(__always)
    func runBlocking<Body: BlockingChannelRun>(capacity: ChannelCapacity, _ body: Body) -> Body.Output? {
        typealias E = Body.Element
        switch self {
        case .condvar: return body.run { CondvarChannel<E>(capacity: capacity) }
        case .dispatch: return body.run { DispatchChannel<E>(capacity: capacity) }
        case .ring:
            guard case .bounded(let n) = capacity, n >= 1 else {
                preconditionFailure("ring does not support capacity \(capacity)")
            }
            return body.run { RingChannel<E>(capacity: n) }
        case .actor, .asyncStream, .asyncStreamOldest, .asyncChannel, .mpscChannel:
            return nil
        }
    }

    /// Runs `body` with a factory of this flavor's concrete suspending type, or returns `nil`
    /// if the flavor is blocking.
    @inline(__always)
    func runSuspending<Body: SuspendingChannelRun>(capacity: ChannelCapacity, _ body: Body) -> Body.Output? {
        typealias E = Body.Element
        switch self {
        case .actor: return body.run { ActorChannel<E>(capacity: capacity) }
        case .asyncStream:
            precondition(capacity == .unbounded, "asyncstream is unbounded only (got \(capacity))")
            return body.run { AsyncStreamChannel<E>() }
        case .asyncStreamOldest:
            guard case .bounded(let n) = capacity, n >= 1 else {
                preconditionFailure("asyncstream-oldest needs .bounded(n >= 1) (got \(capacity))")
            }
            return body.run { AsyncStreamOldestChannel<E>(bufferSize: n) }
        case .asyncChannel:
            precondition(capacity == .bounded(0), "asyncchannel is rendezvous only (got \(capacity))")
            return body.run { AsyncChannelAdapter<E>() }
        case .mpscChannel: return body.run { MPSCChannelAdapter<E>(capacity: capacity) }
        case .condvar, .dispatch, .ring:
            return nil
        }
    }
}
