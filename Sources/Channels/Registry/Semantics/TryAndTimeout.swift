extension ChannelDescriptor {
    /// Whether `trySend`/`tryReceive` and the timeout variants exist, and how far the try
    /// operations can be trusted under concurrency.
    public enum TryAndTimeout: Sendable, Equatable {
        /// None of them (suspending channels: no ``TimedSuspendingChannel`` conformance).
        case unsupported
        /// All of them, and a try operation answers full/empty only if the channel was full/
        /// empty at some instant during the call: histories linearize against a FIFO queue.
        case linearizable
        /// All of them, but a try may answer full/empty although a concurrent operation has
        /// already completed (e.g. a semaphore's count lags the buffer). The verifier reports
        /// that as declared instead of checking histories against the sequential model.
        case notLinearizable
    }

    /// Offers `trySend`/`tryReceive` and the timeout variants.
    public var supportsTryAndTimeout: Bool { tryAndTimeout != .unsupported }

    /// `false` when try operations are ``TryAndTimeout/notLinearizable``; `true` otherwise,
    /// including when there are none (there is nothing unlinearizable to report).
    public var linearizableTryOperations: Bool { tryAndTimeout != .notLinearizable }
}
