/// Code to run with a selectable blocking channel of a concrete type: generic over the type, so
/// the channel's body and the select specialize for it.
public protocol SelectableChannelBody {
    associatedtype Element: Sendable
    associatedtype Output
    func run<C: SelectableChannel>(_ make: () -> C) -> Output where C.Element == Element
}

/// A ``BlockingChannelBody`` run where a selectable channel is made (every selectable channel
/// is a blocking one), so ``BuiltInFlavor/withBlocking(capacity:_:)`` constructs the
/// selectable flavors through ``BuiltInFlavor/withSelectableBlocking(capacity:_:)``.
@usableFromInline
struct BlockingBodyAsSelectable<Body: BlockingChannelBody>: SelectableChannelBody {
    @usableFromInline typealias Element = Body.Element
    @usableFromInline let body: Body

    @inlinable init(body: Body) { self.body = body }

    @inlinable
    func run<C: SelectableChannel>(_ make: () -> C) -> Body.Output where C.Element == Body.Element { body.run(make) }
}

extension BuiltInFlavor {
    /// Runs `body` with a factory of this flavor's concrete type if it takes part in the
    /// blocking select (``ChannelDescriptor/SelectParticipation/blocking``), else returns `nil`.
    /// `capacity` must be one the descriptor supports.
    @inlinable
    public func withSelectableBlocking<Body: SelectableChannelBody>(capacity: ChannelCapacity, _ body: Body) -> Body.Output? {
        typealias E = Body.Element
        switch self {
        case .condvar: return body.run { CondvarChannel<E>(capacity: capacity) }
        case .ring:
            guard case .bounded(let n) = capacity, n >= 1 else {
                preconditionFailure("ring does not support capacity \(capacity) (needs bounded(n), n >= 1)")
            }
            return body.run { RingChannel<E>(capacity: n) }
        case .list:
            precondition(capacity == .unbounded, "list is unbounded only (got \(capacity))")
            return body.run { ListChannel<E>() }
        case .dispatch, .actor, .asyncStream, .asyncStreamOldest, .asyncChannel, .mpscChannel:
            return nil
        }
    }

    /// A factory of this flavor's channels for the async select (``AsyncSelect`` waits on
    /// actor channels), or `nil` if the flavor does not take part in it. `capacity` must be one
    /// the descriptor supports. The one place those channels are constructed:
    /// ``withSuspending(capacity:_:)`` goes through it.
    @inlinable
    public func asyncSelectableFactory<Element: Sendable>(_: Element.Type, capacity: ChannelCapacity) -> (() -> ActorChannel<Element>)? {
        switch self {
        case .actor: return { ActorChannel<Element>(capacity: capacity) }
        case .condvar, .dispatch, .ring, .list, .asyncStream, .asyncStreamOldest, .asyncChannel, .mpscChannel:
            return nil
        }
    }
}
