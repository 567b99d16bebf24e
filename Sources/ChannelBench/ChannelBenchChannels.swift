/// A package's channels, for the `chanbench` SwiftPM plugin (`swift package chanbench ...`).
///
/// The plugin finds every top-level `public` type that declares this conformance in a library
/// target of one of the package's library products, links those targets into a runner built
/// in release, registers every descriptor (as ``ChannelRegistry/register(_:)`` does) and runs
/// the `chanbench` command the user gave over them. The package writes no `main`.
///
/// ```swift
/// public enum MyChannels: ChannelBenchChannels {
///     public static var descriptors: [ChannelDescriptor] { [myChannelDescriptor] }
/// }
/// ```
public protocol ChannelBenchChannels {
    /// The channels to register, each with a name of its own that no built-in has.
    static var descriptors: [ChannelDescriptor] { get }
}
