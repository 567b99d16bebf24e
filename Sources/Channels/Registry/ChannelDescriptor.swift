/// Whether an implementation blocks threads or suspends tasks; the harness picks its driver
/// (threads or tasks) from this.
public enum ChannelKind: String, Sendable, CaseIterable {
    case blocking
    case async
}

/// Makes blocking channels of any element type. One conformance per flavor.
public protocol BlockingChannelMaker: Sendable {
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any BlockingChannel<Element>
}

/// Makes suspending channels of any element type. One conformance per flavor.
public protocol SuspendingChannelMaker: Sendable {
    func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any SuspendingChannel<Element>
}

/// Everything the harness and the test suite need to know about one implementation. The
/// harness never runs a workload an implementation does not claim to support, and the
/// semantics suite runs every invariant against every implementation that claims it.
public struct ChannelDescriptor: Sendable, CustomStringConvertible {
    public enum Maker: Sendable {
        case blocking(any BlockingChannelMaker)
        case suspending(any SuspendingChannelMaker)
    }

    /// Short unique name used on the command line and in CSV files (`condvar`, `ring`, …).
    public let name: String
    /// Family for grouping in charts: `lock`, `dispatch`, `lock-free`, `actor`, `ecosystem`,
    /// `baseline`, `reference`.
    public let family: String
    /// One line saying what it is.
    public let summary: String
    /// Accepts `.bounded(0)`.
    public let supportsRendezvous: Bool
    /// Accepts `.bounded(n)` with `n >= minimumBoundedCapacity`.
    public let supportsBounded: Bool
    public let minimumBoundedCapacity: Int
    /// Accepts `.unbounded`.
    public let supportsUnbounded: Bool
    public let multiProducer: Bool
    /// `false` for single-consumer designs: the harness never runs them with several consumers.
    public let multiConsumer: Bool
    // The semantics the harness branches on, each declared once (Registry/Semantics).
    /// How a bounded capacity limits the buffer: hard, or a watermark with its slack.
    public let capacityEnforcement: CapacityEnforcement
    /// Exactly once, or lossy (and whether drops are counted).
    public let delivery: Delivery
    /// What a send still waiting for room when `close()` runs does.
    public let sendPendingAtClose: SendPendingAtClose
    /// Whether try and timeout operations exist, and whether the try ones are linearizable.
    public let tryAndTimeout: TryAndTimeout
    /// What cancelling a waiting task does (suspending channels).
    public let cancellation: Cancellation
    /// Whether a select can wait on this channel among others.
    public let select: SelectParticipation
    public let maker: Maker

    /// The semantics default to the contract's own promises (hard capacity, exactly once, a
    /// send pending at close fails, linearizable try/timeout, no cancellation, no select), so a channel
    /// declares only where it differs.
    public init(
        name: String,
        family: String,
        summary: String,
        supportsRendezvous: Bool,
        supportsBounded: Bool,
        minimumBoundedCapacity: Int = 1,
        supportsUnbounded: Bool,
        multiProducer: Bool = true,
        multiConsumer: Bool = true,
        capacityEnforcement: CapacityEnforcement = .hard,
        delivery: Delivery = .exactlyOnce,
        sendPendingAtClose: SendPendingAtClose = .fails,
        tryAndTimeout: TryAndTimeout = .linearizable,
        cancellation: Cancellation = .unsupported,
        select: SelectParticipation = .unsupported,
        maker: Maker
    ) {
        self.name = name
        self.family = family
        self.summary = summary
        self.supportsRendezvous = supportsRendezvous
        self.supportsBounded = supportsBounded
        self.minimumBoundedCapacity = minimumBoundedCapacity
        self.supportsUnbounded = supportsUnbounded
        self.multiProducer = multiProducer
        self.multiConsumer = multiConsumer
        self.capacityEnforcement = capacityEnforcement
        self.delivery = delivery
        self.sendPendingAtClose = sendPendingAtClose
        self.tryAndTimeout = tryAndTimeout
        self.cancellation = cancellation
        self.select = select
        self.maker = maker
    }

    public var kind: ChannelKind {
        switch maker {
        case .blocking: return .blocking
        case .suspending: return .async
        }
    }

    /// Whether `capacity` is one this implementation accepts.
    public func supports(_ capacity: ChannelCapacity) -> Bool {
        switch capacity {
        case .unbounded: return supportsUnbounded
        case .bounded(0): return supportsRendezvous
        case .bounded(let n): return supportsBounded && n >= minimumBoundedCapacity
        }
    }

    /// The most messages `count` may ever report with `producers` concurrent senders, or
    /// `nil` when unbounded.
    public func countBound(capacity: ChannelCapacity, producers: Int) -> Int? {
        capacity.limit.map { $0 + capacityOvershootPerProducer * producers }
    }

    /// Why `capacity` with this many producers and consumers cannot run, or `nil` if it can.
    public func unsupportedReason(capacity: ChannelCapacity, producers: Int, consumers: Int) -> String? {
        if !supports(capacity) { return "\(name) does not support capacity \(capacity)" }
        if producers > 1 && !multiProducer { return "\(name) is single-producer" }
        if consumers > 1 && !multiConsumer { return "\(name) is single-consumer" }
        return nil
    }

    /// Capacities as a short human string, e.g. `0, n>=1, unbounded`.
    public var capacitySummary: String {
        var parts: [String] = []
        if supportsRendezvous { parts.append("0") }
        if supportsBounded { parts.append("n>=\(minimumBoundedCapacity)") }
        if supportsUnbounded { parts.append("unbounded") }
        return parts.joined(separator: ", ")
    }

    public var description: String { name }

    /// A blocking channel of this flavor; `nil` for async implementations.
    public func makeBlocking<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> (any BlockingChannel<Element>)? {
        guard case .blocking(let m) = maker else { return nil }
        return m.make(type, capacity: capacity)
    }

    /// A suspending channel of this flavor; `nil` for blocking implementations.
    public func makeSuspending<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> (any SuspendingChannel<Element>)? {
        guard case .suspending(let m) = maker else { return nil }
        return m.make(type, capacity: capacity)
    }
}
