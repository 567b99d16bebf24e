/// Waits on several operations over ``ActorChannel``s at once and performs exactly one of
/// them: the async counterpart of Go's `select` and crossbeam's `select!`.
///
/// ```swift
/// var select = AsyncSelect<String>()
/// select.receive(from: jobs) { job in job.map { "job \($0)" } ?? "jobs closed" }
/// select.send(report, to: reports) { result in result == .success(()) ? "reported" : "reports closed" }
/// let what = try await select.wait()                          // suspends until one is ready
/// let now = select.tryWait()                                   // nil if none is ready (Go's default)
/// let soon = try await select.wait(timeout: .milliseconds(50)) // nil once the deadline passed
/// ```
///
/// Guarantees:
/// - A receive is ready when an element is available (buffered, or a sender waits at capacity
///   0) or the channel is closed and drained (its handler gets `nil`). A send is ready when
///   there is room (at capacity 0: a receiver waits) or the channel is closed (its handler
///   gets `.failure(ChannelClosedError())`, the element is not delivered).
/// - A select that returns a value performed exactly one operation, the one whose handler
///   produced the value. One that times out (`nil`) or throws `CancellationError` performed
///   none: no element was taken, none was delivered.
/// - When several operations are ready, each is chosen with equal probability (they are tried
///   in a uniformly shuffled order; pass a seeded generator to make that order reproducible).
/// - Capacity 0 works in every pairing: a select's receive with a plain `send`, a select's send
///   with a plain `receive`, and a select with another select. A select never pairs its own
///   send with its own receive on the same channel (it waits for someone else, as in Go).
/// - Cancellation stops the waiting only: an operation that is ready when `wait` starts is
///   performed even in a cancelled task (like the actor channel's own `send`/`receive`).
/// - Every waiter a select queued on its channels is gone when the select returns or throws.
/// - Handlers run in the caller's task and isolation, after the operation, outside every lock.
///
/// A select is a description: each `wait` runs it anew (a send operation offers its element
/// again), so one value can serve a loop.
public struct AsyncSelect<Value> {
    var operations: [AsyncSelectOperation<Value>] = []

    public init() {}

    /// Adds a receive from `channel`; `handler` gets the element, or `nil` once the channel is
    /// closed and drained.
    public mutating func receive<Element: Sendable>(
        from channel: ActorChannel<Element>,
        _ handler: @escaping (Element?) -> Value
    ) {
        operations.append(.receive(from: channel, handler))
    }

    /// Adds a send of `element` to `channel`; `handler` gets `.success` once it is delivered
    /// (buffered or taken), `.failure(ChannelClosedError())` if the channel was closed.
    public mutating func send<Element: Sendable>(
        _ element: Element,
        to channel: ActorChannel<Element>,
        _ handler: @escaping (Result<Void, ChannelClosedError>) -> Value
    ) {
        operations.append(.send({ element }, to: channel, handler))
    }

    /// Adds a send to `channel` of whatever `element` returns when the send is attempted, so a
    /// select built once can send a different element on every wait instead of being rebuilt
    /// (as the blocking ``Select``'s `send(to:element:_:)`). `element` may be called several
    /// times per wait; only one result is sent.
    public mutating func send<Element: Sendable>(
        to channel: ActorChannel<Element>,
        element: @escaping () -> Element,
        _ handler: @escaping (Result<Void, ChannelClosedError>) -> Value
    ) {
        operations.append(.send(element, to: channel, handler))
    }

    // MARK: Non-blocking

    /// Performs one ready operation and returns its handler's value, or `nil` at once if none
    /// is ready (Go's `default` branch).
    public func tryWait() -> Value? {
        attemptAll(in: systemRandomOrder())
    }

    /// ``tryWait()`` with the order in which ready operations are tried drawn from `generator`.
    public func tryWait(using generator: inout some RandomNumberGenerator) -> Value? {
        attemptAll(in: shuffledOrder(using: &generator))
    }

    // MARK: Waiting

    /// Suspends until one operation can be performed, performs it and returns its handler's
    /// value. Throws `CancellationError` (having performed nothing) if the task is cancelled
    /// while waiting. With no operations it waits until cancelled, like Go's `select {}`.
    public func wait(isolation: isolated (any Actor)? = #isolation) async throws(CancellationError) -> Value {
        guard let value = try await run(deadline: nil, order: systemRandomOrder()) else {
            preconditionFailure("AsyncSelect: a select without a deadline timed out")
        }
        return value
    }

    /// ``wait(isolation:)`` with the order of the operations drawn from `generator`.
    public func wait(
        using generator: inout some RandomNumberGenerator,
        isolation: isolated (any Actor)? = #isolation
    ) async throws(CancellationError) -> Value {
        guard let value = try await run(deadline: nil, order: shuffledOrder(using: &generator)) else {
            preconditionFailure("AsyncSelect: a select without a deadline timed out")
        }
        return value
    }

    /// Like ``wait(isolation:)``, but returns `nil`, having performed nothing, once `timeout`
    /// has passed (never earlier; CLOCK_MONOTONIC). A ready operation is performed even when the
    /// timeout is zero or negative.
    public func wait(
        timeout: Duration,
        isolation: isolated (any Actor)? = #isolation
    ) async throws(CancellationError) -> Value? {
        try await run(deadline: .after(timeout), order: systemRandomOrder())
    }

    /// ``wait(timeout:isolation:)`` with the order of the operations drawn from `generator`.
    public func wait(
        timeout: Duration,
        using generator: inout some RandomNumberGenerator,
        isolation: isolated (any Actor)? = #isolation
    ) async throws(CancellationError) -> Value? {
        try await run(deadline: .after(timeout), order: shuffledOrder(using: &generator))
    }

    // MARK: The protocol

    /// A uniformly random order of the operations (Fisher–Yates), so that whichever subset is
    /// ready, each ready operation is first among them equally often.
    private func shuffledOrder(using generator: inout some RandomNumberGenerator) -> [Int] {
        var order = Array(operations.indices)
        order.shuffle(using: &generator)
        return order
    }

    /// ``shuffledOrder(using:)`` with the system generator, made in a synchronous frame: an
    /// empty struct kept in an async frame has no address of its own, so ThreadSanitizer sees
    /// every task's `inout` access to it as one shared variable and reports a race.
    private func systemRandomOrder() -> [Int] {
        var generator = SystemRandomNumberGenerator()
        return shuffledOrder(using: &generator)
    }

    private func attemptAll(in order: [Int]) -> Value? {
        for index in order {
            if let resolution = operations[index].attempt(index) {
                return operations[index].complete(resolution)
            }
        }
        return nil
    }

    /// One pass of non-blocking attempts; if none is ready, one token for the whole select,
    /// a waiter on every channel (in the same order, each registration re-checking readiness
    /// under its channel's lock), and a suspension until a channel, the timer or the
    /// cancellation claims the token. Then every waiter still queued is removed.
    private func run(
        deadline: MonotonicDeadline?,
        order: [Int],
        isolation: isolated (any Actor)? = #isolation
    ) async throws(CancellationError) -> Value? {
        if let value = attemptAll(in: order) { return value }

        let token = AsyncSelectToken()
        let timer = deadline.map { deadline in
            startDeadlineTimer(deadline) {
                if case .won(let select) = token.claim(.timedOut) { select?.resume() }
            }
        }
        defer { timer?.cancel() }
        var queued: [(caseIndex: Int, id: UInt64)] = []
        await withTaskCancellationHandler {
            await withUnsafeContinuation(isolation: isolation) { (continuation: UnsafeContinuation<Void, Never>) in
                // Claimed before we could suspend: by the cancellation or an expired deadline.
                guard token.install(continuation) else { return continuation.resume() }
                for index in order {
                    // `nil`: performed now, or the token was claimed meanwhile; either way done.
                    guard let id = operations[index].register(token, index) else { break }
                    queued.append((index, id))
                }
            }
        } onCancel: {
            if case .won(let select) = token.claim(.cancelled) { select?.resume() }
        }
        for waiter in queued { operations[waiter.caseIndex].unregister(waiter.id) }

        guard let resolution = token.resolution else {
            preconditionFailure("AsyncSelect: resumed before its token was claimed")
        }
        switch resolution {
        case .timedOut: return nil
        case .cancelled: throw CancellationError()
        default: return operations[resolution.caseIndex!].complete(resolution)
        }
    }
}
