import Channels
import BenchModel

/// The roles of the select workloads, over several channels of one driver type: a consumer
/// that receives by selecting over all of them, a producer that sends by selecting over all of
/// them. Only drivers whose channel can take part in a select conform.
protocol SelectWorkloadDriver: WorkloadDriver {
    /// Receives by selecting over `channels` until every one is closed and drained; a message
    /// received from channel k is recorded in `logs[k]`, so the oracle checks per-producer FIFO
    /// per channel (a producer that selects among channels keeps order only within each).
    static func selectingConsumer(_ channels: [Self], logs: [ConsumerLog]) -> Role
    /// Sends messages 0..<count stamped `producer`, each by one select over `channels` (to
    /// whichever has room first), then runs `then`. A failed send is counted in `failures` and
    /// ends the role (then `then` still runs).
    static func selectingProducer(_ channels: [Self], producer: Int, count: Int, bytes: Int,
                                  pacer: @escaping @Sendable () -> Pacer?, sampleEvery: Int,
                                  failures: SendFailures, then: @escaping @Sendable () -> Void) -> Role
}

/// What a selecting consumer's select returns: a message from channel `index`, or that channel
/// closed and drained.
enum SelectReceipt<Message> {
    case message(index: Int, Message)
    case closed(index: Int)
}

extension Workloads {
    /// `select_rx` and `select_both`: one channel per producer. In `select_rx` producer k sends
    /// on channel k and closes it when done; in `select_both` every producer selects over all
    /// channels and the last one to finish closes them all. Every consumer selects over all
    /// channels until each is closed and drained.
    static func selectStreams<D: SelectWorkloadDriver>(_ channels: [D], _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput {
        let per = c.messagesPerProducer
        // One log per consumer and channel: FIFO is promised per channel.
        let logsByConsumer = (0..<c.consumers).map { _ in
            channels.map { _ in ConsumerLog(producers: c.producers, perProducer: per) }
        }
        let logs = logsByConsumer.flatMap { $0 }
        let failures = SendFailures()
        let perProducerRate = c.rate.map { Double($0) / Double(c.producers) }
        let producersLeft = HandleCount(c.producers)
        let closeAll: @Sendable () -> Void = { for ch in channels { ch.close() } }
        var roles: [D.Role] = []
        for p in 0..<c.producers {
            let pacer: @Sendable () -> Pacer? = { Pacer.make(perProducerRate: perProducerRate) }
            if c.workload == .selectRx {
                let own = channels[p]
                roles.append(own.producer(p, count: per, bytes: c.messageBytes, pacer: pacer, sampleEvery: settings.sampleEvery(c),
                                          failures: failures, then: { own.close() }))
            } else {
                roles.append(D.selectingProducer(channels, producer: p, count: per, bytes: c.messageBytes, pacer: pacer,
                                                 sampleEvery: settings.sampleEvery(c), failures: failures,
                                                 then: { if producersLeft.release() { closeAll() } }))
            }
        }
        roles += logsByConsumer.map { D.selectingConsumer(channels, logs: $0) }
        let window = Measurement.measure(D.workers(roles), settings: settings,
                                         count: { channels.reduce(0) { max($0, $1.count) } }, sendFailures: failures,
                                         abort: closeAll)
        return .finish(window: window, logs: logs, latencyLogs: logs, producers: c.producers, perProducer: per, config: c)
    }
}
