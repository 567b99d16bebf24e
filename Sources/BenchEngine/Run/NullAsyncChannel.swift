import Synchronization
import BenchModel
import Channels

/// The `null-async` baseline's "channel": every `send` records the message in its producer's
/// log at once and returns without suspending; there is nothing to receive. The engine drives
/// it with the suspending driver's producer loop (``SuspendingWorkloadDriver``) on tasks, so
/// its ns/msg is the async engine's own per-message floor: the task, the `await` of a generic
/// `send`, building the message and the oracle's bookkeeping — what every async row pays
/// besides its channel.
final class LoggingSink<Payload: BenchPayload>: SuspendingChannel {
    typealias Element = BenchMessage<Payload>
    let capacity: ChannelCapacity = .unbounded
    private let log: ConsumerLog
    private let closed = Atomic<Bool>(false)

    init(log: ConsumerLog) { self.log = log }

    var count: Int { 0 }
    var isClosed: Bool { closed.load(ordering: .acquiring) }

    func send(_ element: Element) async throws {
        if isClosed { throw ChannelClosedError() }
        log.record(element, recordLatency: true)
    }

    func receive() async -> Element? { nil }
    func close() { closed.store(true, ordering: .releasing) }
}

/// The `null-async` descriptor's maker: like ``NullChannelMaker``, it exists so the descriptor
/// has one; the engine runs the baseline without it (``AsyncDirectEngine``).
package struct NullAsyncChannelMaker: SuspendingChannelMaker {
    package func make<Element: Sendable>(_ type: Element.Type, capacity: ChannelCapacity) -> any SuspendingChannel<Element> {
        DiscardingAsyncChannel<Element>(capacity: capacity)
    }
}

/// Accepts and discards every message; `receive` returns `nil`. Never carries real traffic.
final class DiscardingAsyncChannel<Element: Sendable>: SuspendingChannel {
    let capacity: ChannelCapacity
    private let closed = Atomic<Bool>(false)

    init(capacity: ChannelCapacity) { self.capacity = capacity }

    var count: Int { 0 }
    var isClosed: Bool { closed.load(ordering: .acquiring) }
    func send(_ element: Element) async throws { if isClosed { throw ChannelClosedError() } }
    func receive() async -> Element? { nil }
    func close() { closed.store(true, ordering: .releasing) }
}

/// The `null-async` baseline's engine: ``DirectEngine`` on tasks. Each producer is a task
/// running the suspending driver's producer loop over a ``LoggingSink`` with its own log.
package enum AsyncDirectEngine {
    static func run<P: BenchPayload>(_ c: RunConfiguration, _: P.Type, settings: EngineSettings) -> EngineOutput {
        let per = c.messagesPerProducer
        let logs = (0..<c.producers).map { _ in ConsumerLog(producers: c.producers, perProducer: per) }
        let perProducerRate = c.rate.map { Double($0) / Double(c.producers) }
        let failures = SendFailures()
        let roles = (0..<c.producers).map { p in
            SuspendingWorkloadDriver<LoggingSink<P>, P>(channel: LoggingSink(log: logs[p]))
                .producer(p, count: per, bytes: c.messageBytes, pacer: { Pacer.make(perProducerRate: perProducerRate) },
                          sampleEvery: settings.sampleEvery(c), failures: failures, then: {})
        }
        let window = Measurement.measure(.tasks(roles), settings: settings,
                                         count: { 0 }, sendFailures: failures, abort: {})
        return .finish(window: window, logs: logs, latencyLogs: logs, producers: c.producers, perProducer: per, config: c)
    }
}
