/// Every implementation ChannelBench knows: the built-in ones (``BuiltInFlavor``, in its case
/// order) and those users add at run time with ``register(_:)``.
public enum ChannelRegistry {
    /// The implementations that ship with ChannelBench, in display order (one per ``BuiltInFlavor`` case).
    public static let builtIn: [ChannelDescriptor] = BuiltInFlavor.allCases.map(\.descriptor)

    private static let extra = PthreadLockedState<[ChannelDescriptor]>([])

    /// Built-in plus user-registered implementations.
    public static var all: [ChannelDescriptor] {
        builtIn + extra.withLock { $0 }
    }

    /// Adds a user's implementation (replacing any earlier one of the same name) so that
    /// `chanbench`'s `run` and `verify` entry points can select it by name. A built-in's name
    /// is refused: lookups by name would keep finding the built-in, silently.
    public static func register(_ descriptor: ChannelDescriptor) throws(ChannelConfigurationError) {
        if builtIn.contains(where: { $0.name == descriptor.name }) { throw .builtInName(descriptor.name) }
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
