/// Bad input to a channel constructor, reported instead of trapping.
public enum ChannelConfigurationError: Error, Equatable, CustomStringConvertible {
    case unknownImplementation(String)
    case unsupportedCapacity(implementation: String, capacity: ChannelCapacity)
    case negativeCapacity(Int)
    case wrongKind(implementation: String, expected: ChannelKind)
    /// A user's channel registered under a built-in implementation's name.
    case builtInName(String)

    public var description: String {
        switch self {
        case .unknownImplementation(let n):
            let known = ChannelRegistry.all.map(\.name).joined(separator: ", ")
            return "unknown implementation '\(n)' (known: \(known))"
        case .unsupportedCapacity(let i, let c): return "\(i) does not support capacity \(c)"
        case .negativeCapacity(let n): return "capacity must be >= 0 (got \(n))"
        case .wrongKind(let i, let k): return "\(i) is not a \(k.rawValue) implementation"
        case .builtInName(let n): return "'\(n)' is a built-in implementation's name: register your channel under another"
        }
    }
}

private func validated(_ name: String, _ capacity: ChannelCapacity, _ kind: ChannelKind) throws(ChannelConfigurationError) -> ChannelDescriptor {
    if case .bounded(let n) = capacity, n < 0 { throw .negativeCapacity(n) }
    guard let d = ChannelRegistry.named(name) else { throw .unknownImplementation(name) }
    guard d.kind == kind else { throw .wrongKind(implementation: name, expected: kind) }
    guard d.supports(capacity) else { throw .unsupportedCapacity(implementation: name, capacity: capacity) }
    return d
}

/// Creates a blocking channel of the named implementation and returns its two halves,
/// like Rust's `mpsc::channel()` / crossbeam's `bounded(n)`.
///
///     let (tx, rx) = try makeChannel(of: Int.self, implementation: "condvar", capacity: .bounded(16))
public func makeChannel<Element: Sendable>(
    of type: Element.Type = Element.self,
    implementation: String,
    capacity: ChannelCapacity
) throws(ChannelConfigurationError) -> (Sender<Element>, Receiver<Element>) {
    let d = try validated(implementation, capacity, .blocking)
    return makeChannel(d.makeBlocking(type, capacity: capacity)!)
}

/// Wraps an existing blocking channel in a sender/receiver pair.
public func makeChannel<Element: Sendable>(_ channel: any BlockingChannel<Element>) -> (Sender<Element>, Receiver<Element>) {
    let senders = HandleCount(), receivers = HandleCount()
    return (Sender(channel: channel, senders: senders, receivers: receivers),
            Receiver(channel: channel, senders: senders, receivers: receivers))
}

/// Creates a suspending channel of the named implementation and returns its two halves.
public func makeAsyncChannel<Element: Sendable>(
    of type: Element.Type = Element.self,
    implementation: String,
    capacity: ChannelCapacity
) throws(ChannelConfigurationError) -> (AsyncSender<Element>, AsyncReceiver<Element>) {
    let d = try validated(implementation, capacity, .async)
    return makeAsyncChannel(d.makeSuspending(type, capacity: capacity)!)
}

/// Wraps an existing suspending channel in a sender/receiver pair.
public func makeAsyncChannel<Element: Sendable>(_ channel: any SuspendingChannel<Element>) -> (AsyncSender<Element>, AsyncReceiver<Element>) {
    let senders = HandleCount(), receivers = HandleCount()
    return (AsyncSender(channel: channel, senders: senders, receivers: receivers),
            AsyncReceiver(channel: channel, senders: senders, receivers: receivers))
}
