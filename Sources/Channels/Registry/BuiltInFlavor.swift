/// The built-in channel flavors: the one list of them, and the one place each is constructed.
///
/// The registry's descriptors come from here (``ChannelRegistry/builtIn``), and so does the
/// concrete-type construction that both the registry's makers and the benchmark engine use
/// (``withBlocking(capacity:_:)``, ``withSuspending(capacity:_:)``). The engine calls the flavor
/// through its concrete type, so the flavor's body specializes for the message type; the
/// registry wraps the same construction in an existential. Adding a built-in is its folder
/// (channel and descriptor) plus a case here: the switches are exhaustive, so the compiler asks
/// for its descriptor and construction.
public enum BuiltInFlavor: String, CaseIterable, Sendable {
    case condvar, dispatch, ring, list
    case actor, asyncStream = "asyncstream", asyncStreamOldest = "asyncstream-oldest"
    case asyncChannel = "asyncchannel", mpscChannel = "mpsc-channel"

    /// This flavor's registry entry (declared in the flavor's folder).
    public var descriptor: ChannelDescriptor {
        switch self {
        case .condvar: return .condvar
        case .dispatch: return .dispatch
        case .ring: return .ring
        case .list: return .list
        case .actor: return .actor
        case .asyncStream: return .asyncStream
        case .asyncStreamOldest: return .asyncStreamOldest
        case .asyncChannel: return .asyncChannel
        case .mpscChannel: return .mpscChannel
        }
    }

    /// The built-in flavor `descriptor` was made for, or `nil` for any other channel — including
    /// a user's channel registered under a built-in's name (its maker is not a built-in one).
    public init?(_ descriptor: ChannelDescriptor) {
        switch descriptor.maker {
        case .blocking(let maker):
            guard let builtIn = maker as? BuiltInBlockingMaker else { return nil }
            self = builtIn.flavor
        case .suspending(let maker):
            guard let builtIn = maker as? BuiltInSuspendingMaker else { return nil }
            self = builtIn.flavor
        }
    }
}

/// Code to run with a blocking channel of a concrete type: generic over the type, so the
/// channel's body specializes for it.
public protocol BlockingChannelBody {
    associatedtype Element: Sendable
    associatedtype Output
    func run<C: BlockingChannel>(_ make: () -> C) -> Output where C.Element == Element
}

/// Code to run with a suspending channel of a concrete type.
public protocol SuspendingChannelBody {
    associatedtype Element: Sendable
    associatedtype Output
    func run<C: SuspendingChannel>(_ make: () -> C) -> Output where C.Element == Element
}

extension BuiltInFlavor {
    /// Runs `body` with a factory of this flavor's concrete blocking type, or returns `nil` if
    /// the flavor is not blocking. `capacity` must be one the descriptor supports.
    @inlinable
    public func withBlocking<Body: BlockingChannelBody>(capacity: ChannelCapacity, _ body: Body) -> Body.Output? {
        typealias E = Body.Element
        switch self {
        case .dispatch: return body.run { DispatchChannel<E>(capacity: capacity) }
        case .condvar, .ring, .list:
            // The selectable flavors are constructed in one place.
            return withSelectableBlocking(capacity: capacity, BlockingBodyAsSelectable(body: body))
        case .actor, .asyncStream, .asyncStreamOldest, .asyncChannel, .mpscChannel:
            return nil
        }
    }

    /// Runs `body` with a factory of this flavor's concrete suspending type, or returns `nil`
    /// if the flavor is blocking. `capacity` must be one the descriptor supports.
    @inlinable
    public func withSuspending<Body: SuspendingChannelBody>(capacity: ChannelCapacity, _ body: Body) -> Body.Output? {
        typealias E = Body.Element
        switch self {
        case .actor:
            // The async-selectable flavors are constructed in one place.
            return asyncSelectableFactory(E.self, capacity: capacity).map { body.run($0) }
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
        case .condvar, .dispatch, .ring, .list:
            return nil
        }
    }
}

/// The registry's maker for a built-in blocking flavor: the flavor's own construction, behind
/// an existential.
struct BuiltInBlockingMaker: BlockingChannelMaker {
    let flavor: BuiltInFlavor

    private struct Existential<Element: Sendable>: BlockingChannelBody {
        func run<C: BlockingChannel>(_ make: () -> C) -> any BlockingChannel<Element> where C.Element == Element { make() }
    }

    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any BlockingChannel<Element> {
        guard let channel = flavor.withBlocking(capacity: capacity, Existential<Element>()) else {
            preconditionFailure("\(flavor.rawValue) is not a blocking flavor")
        }
        return channel
    }
}

/// The registry's maker for a built-in suspending flavor.
struct BuiltInSuspendingMaker: SuspendingChannelMaker {
    let flavor: BuiltInFlavor

    private struct Existential<Element: Sendable>: SuspendingChannelBody {
        func run<C: SuspendingChannel>(_ make: () -> C) -> any SuspendingChannel<Element> where C.Element == Element { make() }
    }

    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any SuspendingChannel<Element> {
        guard let channel = flavor.withSuspending(capacity: capacity, Existential<Element>()) else {
            preconditionFailure("\(flavor.rawValue) is not a suspending flavor")
        }
        return channel
    }
}
