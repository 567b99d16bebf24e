/// Waits on several channel operations at once and performs exactly one: crossbeam's
/// `select!`, Go's `select`, for blocking channels (``SelectableChannel``).
///
///     var select = Select<String>()
///     select.receive(from: numbers) { n in n.map { "number \($0)" } ?? "numbers closed" }
///     select.send("hi", to: words) { r in (try? r.get()) != nil ? "sent" : "words closed" }
///     let what = select.wait()                        // blocks until one is performed
///     let maybe = select.tryWait()                    // `default:` branch: nil if none ready
///     let timed = select.wait(timeout: .seconds(1))   // nil once the deadline has passed
///
/// Guarantees:
/// - **Exactly one** operation is performed per `wait`, and only its handler runs (on the
///   calling thread, after the operation completed). `tryWait` and `wait(timeout:)` that return
///   `nil` performed nothing.
/// - **Ready** means: a receive finds an element, or the channel is closed and drained (its
///   handler gets `nil`); a send finds room, or the channel is closed (its handler gets
///   `.failure(ChannelClosedError())` and the element is dropped).
/// - **Fair**: each call shuffles the operations (uniformly, ``SelectRandom``) and tries them
///   in that order, so when several are ready each is chosen with equal probability.
///   ``init(seed:)`` makes the choices reproducible.
/// - **Blocking**: when nothing is ready the thread registers on every channel and parks
///   (after a short spin/yield) until one of them changes state or closes; it is never woken
///   for nothing lost: a channel that chose it for an operation is tried first.
/// - **Timeouts** never return `nil` before the deadline (CLOCK_MONOTONIC).
/// - A select with no operation: `tryWait` returns `nil`, `wait(timeout:)` sleeps until the
///   deadline, `wait()` blocks forever (Go's empty `select {}`).
///
/// A `Select` is used by one thread; build it once and call `wait` as often as needed (each
/// call re-shuffles). Channels that are not selectable at their capacity are refused with a
/// precondition failure when added (see ``SelectableChannel/acceptsSelect``).
public struct Select<Output> {
    private var operations: [SelectOperation<Output>] = []
    /// A permutation of the operations' indices, re-shuffled by every call.
    private var order: [Int] = []
    private var random: SelectRandom

    /// A select whose choices among ready operations are random.
    public init() { random = SelectRandom() }

    /// A select whose choices among ready operations follow `seed` (for tests).
    public init(seed: UInt64) { random = SelectRandom(seed: seed) }

    /// Adds a receive from `channel`; `handler` gets the element, or `nil` once the channel is
    /// closed and drained.
    public mutating func receive<C: SelectableChannel>(
        from channel: C, _ handler: @escaping (C.Element?) -> Output
    ) {
        precondition(channel.acceptsSelect, "this channel cannot take part in a select (see its descriptor's select participation)")
        add(.receive(from: channel, handler))
    }

    /// Adds a send of `element` to `channel`; `handler` gets `.success` once sent, or
    /// `.failure(ChannelClosedError())` if the channel is closed.
    public mutating func send<C: SelectableChannel>(
        _ element: C.Element, to channel: C,
        _ handler: @escaping (Result<Void, ChannelClosedError>) -> Output
    ) {
        precondition(channel.acceptsSelect, "this channel cannot take part in a select (see its descriptor's select participation)")
        add(.send(element, to: channel, handler))
    }

    /// Blocks until one operation is performed; returns its handler's result.
    public mutating func wait() -> Output {
        // Without a deadline `run` only returns once an operation was performed.
        run(deadline: nil, blocks: true)!
    }

    /// Performs one ready operation, or none (`nil`) if none is ready: Go's `default:`.
    public mutating func tryWait() -> Output? {
        run(deadline: nil, blocks: false)
    }

    /// Like ``wait()`` but gives up when `timeout` has elapsed: `nil` then, with nothing
    /// performed, never earlier than the deadline.
    public mutating func wait(timeout: Duration) -> Output? {
        run(deadline: .after(timeout), blocks: true)
    }

    private mutating func add(_ operation: SelectOperation<Output>) {
        order.append(operations.count)
        operations.append(operation)
    }

    private mutating func run(deadline: MonotonicDeadline?, blocks: Bool) -> Output? {
        order.shuffle(using: &random)
        // The operation a channel woke us for: tried first (see SelectContext), then the rest.
        var woken: Int? = nil
        while true {
            if let woken, let output = operations[woken].attempt() { return output }
            for index in order where index != woken {
                if let output = operations[index].attempt() { return output }
            }
            if !blocks { return nil }
            if let deadline, deadline.hasPassed { return nil }
            woken = block(until: deadline)
        }
    }

    /// Registers every operation with a fresh context, waits to be selected (or for the
    /// deadline), unregisters. Returns the operation a channel selected, `nil` if aborted.
    private func block(until deadline: MonotonicDeadline?) -> Int? {
        let context = SelectContext()
        var registered = 0
        for index in order {
            registered += 1
            if operations[index].register(SelectWaiter(context: context, operation: index)) {
                // Ready already: stop registering and go try it (unless a channel selected us
                // meanwhile: then that operation is tried first).
                _ = context.abort()
                break
            }
            if context.selection != nil { break }
        }
        let outcome = context.selection ?? context.wait(until: deadline)
        for index in order.prefix(registered) {
            operations[index].unregister(SelectWaiter(context: context, operation: index))
        }
        if case .operation(let index) = outcome { return index }
        return nil
    }
}
