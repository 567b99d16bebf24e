import BenchSupport

/// One channel in one calling convention: a blocking channel's roles run on threads, a
/// suspending channel's on tasks. What the roles do is the business of the protocols built
/// on it: ``WorkloadDriver`` for the benchmark workloads, ``MemoryWorkloadDriver`` for the
/// memory scenario.
///
/// The workloads and the memory scenario are each written once over their protocol. Only
/// the per-message loops are written per driver: a blocking call and an `await` cannot share
/// one loop without giving the fast blocking channels a suspension point per message.
protocol ChannelDriver: Sendable {
    /// `@Sendable () -> Void` for threads, `@Sendable () async -> Void` for tasks.
    associatedtype Role: Sendable

    /// Messages buffered in the channel now (for the capacity-bound and memory samples).
    var count: Int { get }
    func close()

    /// One role that runs `first`, then `second`, on the same worker.
    static func sequence(_ first: Role, _ second: Role) -> Role
    static func workers(_ roles: [Role]) -> Workers
}

/// The roles a workload is made of: the channel carries ``BenchMessage``s.
protocol WorkloadDriver: ChannelDriver {
    associatedtype Payload: BenchPayload

    /// Sends messages 0..<count stamped `producer` (paced when `pacer` is set, else every
    /// `sampleEvery`-th carries its send time, none when it is 0), then runs `then`. A failed send is counted in
    /// `failures` and ends the role (then `then` still runs).
    func producer(_ producer: Int, count: Int, bytes: Int, pacer: @escaping @Sendable () -> Pacer?, sampleEvery: Int,
                  failures: SendFailures, then: @escaping @Sendable () -> Void) -> Role
    /// Receives until the channel is closed and drained, recording each message in `log`.
    func consumer(_ log: ConsumerLog) -> Role
    /// Round trips: sends message i here and waits for its echo on `back`, recording the
    /// round-trip latency in `log` when `timed` (or paced); closes this channel at the end.
    func pinger(back: Self, count: Int, bytes: Int, pacer: @escaping @Sendable () -> Pacer?, timed: Bool,
                log: ConsumerLog, failures: SendFailures) -> Role
    /// Echoes every message received here onto `back`, recording it in `log`; closes `back` at the end.
    func ponger(back: Self, log: ConsumerLog, failures: SendFailures) -> Role
    /// try-pingpong on one worker: sends message i with `trySend` (stamped as ``producer(_:count:bytes:pacer:sampleEvery:failures:then:)``
    /// stamps), takes it back with `tryReceive` and records it in `log`, for i in 0..<count;
    /// a refused send or an empty receive is counted in `failures` and ends the role. Closes the channel at the end.
    func tryRoundTrips(count: Int, bytes: Int, pacer: @escaping @Sendable () -> Pacer?, sampleEvery: Int,
                       log: ConsumerLog, failures: SendFailures) -> Role
}
