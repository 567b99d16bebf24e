/// The list of every implementation ChannelBench knows. Adding an implementation is one new
/// file (the flavor, with its `ChannelDescriptor` as a static member) plus one line in
/// `builtIn`. Users add their own at run time with ``register(_:)``.
public enum ChannelRegistry {
    /// The implementations that ship with ChannelBench, in display order.
    public static let builtIn: [ChannelDescriptor] = [
        .condvar,
        .dispatch,
        .ring,
        .actor,
        .asyncStream,
        .asyncStreamOldest,
        .asyncChannel,
        .mpscChannel,
    ]

    private static let extra = PthreadLockedState<[ChannelDescriptor]>([])

    /// Built-in plus user-registered implementations.
    public static var all: [ChannelDescriptor] {
        builtIn + extra.withLock { $0 }
    }

    /// Adds a user's implementation (replacing any earlier one of the same name) so that
    /// `chanbench`'s `run` and `verify` entry points can select it by name.
    public static func register(_ descriptor: ChannelDescriptor) {
        extra.withLock { list in
            list.removeAll { $0.name == descriptor.name }
            list.append(descriptor)
        }
    }

    /// The implementation called `name`, or `nil`.
    public static func named(_ name: String) -> ChannelDescriptor? {
        all.first { $0.name == name }
    }
}
