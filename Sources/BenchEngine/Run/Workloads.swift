import Channels
import BenchModel

/// The workloads, each written once over a ``WorkloadDriver``: which roles run, what they
/// share, and how the oracle checks what they did. The driver decides whether the roles run on
/// threads or tasks.
enum Workloads {
    /// Runs `c`'s workload on `channel`; pingpong also takes `back`, a second channel of the same kind.
    @inline(__always)
    static func run<D: WorkloadDriver>(_ c: RunConfiguration, settings: EngineSettings, channel: D, back: () -> D) -> EngineOutput {
        switch c.workload {
        case .pingpong: return pingpong(channel, back(), c, settings: settings)
        case .seq: return seq(channel, c, settings: settings)
        case .tryPingpong: return tryPingpong(channel, c, settings: settings)
        case .spsc, .mpsc, .mpmc: return streams(channel, c, settings: settings)
        case .selectRx, .selectBoth:
            // They need one channel per producer and a selectable type: ChannelEngine sends
            // them to SelectEngine before a single channel is made.
            preconditionFailure("\(c.workload) runs through SelectEngine")
        }
    }

    /// P producers and C consumers on one channel; the last producer to finish closes it.
    static func streams<D: WorkloadDriver>(_ ch: D, _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput {
        let per = c.messagesPerProducer
        let logs = (0..<c.consumers).map { _ in ConsumerLog(producers: c.producers, perProducer: per) }
        let producersLeft = HandleCount(c.producers)
        let failures = SendFailures()
        let perProducerRate = c.rate.map { Double($0) / Double(c.producers) }
        var roles: [D.Role] = []
        for p in 0..<c.producers {
            roles.append(ch.producer(p, count: per, bytes: c.messageBytes, pacer: { Pacer.make(perProducerRate: perProducerRate) },
                                     sampleEvery: settings.sampleEvery(c), failures: failures,
                                     then: { if producersLeft.release() { ch.close() } }))
        }
        roles += logs.map { ch.consumer($0) }
        let window = Measurement.measure(D.workers(roles), settings: settings,
                                         count: { ch.count }, sendFailures: failures, abort: { ch.close() })
        return .finish(window: window, logs: logs, latencyLogs: logs, producers: c.producers, perProducer: per, config: c)
    }

    /// One worker sends everything, closes, then receives everything.
    static func seq<D: WorkloadDriver>(_ ch: D, _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput {
        let n = c.messages
        let log = ConsumerLog(producers: 1, perProducer: n)
        let failures = SendFailures()
        let rate = c.rate.map(Double.init)
        let send = ch.producer(0, count: n, bytes: c.messageBytes, pacer: { Pacer.make(perProducerRate: rate) },
                               sampleEvery: settings.sampleEvery(c), failures: failures, then: { ch.close() })
        let window = Measurement.measure(D.workers([D.sequence(send, ch.consumer(log))]), settings: settings,
                                         count: { ch.count }, sendFailures: failures, abort: { ch.close() })
        return .finish(window: window, logs: [log], latencyLogs: [log], producers: 1, perProducer: n, config: c)
    }

    /// One worker: trySend message i, tryReceive it, record it; the channel never holds more than one.
    static func tryPingpong<D: WorkloadDriver>(_ ch: D, _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput {
        let n = c.messages
        let log = ConsumerLog(producers: 1, perProducer: n)
        let failures = SendFailures()
        let rate = c.rate.map(Double.init)
        let role = ch.tryRoundTrips(count: n, bytes: c.messageBytes, pacer: { Pacer.make(perProducerRate: rate) },
                                    sampleEvery: settings.sampleEvery(c), log: log, failures: failures)
        let window = Measurement.measure(D.workers([role]), settings: settings,
                                         count: { ch.count }, sendFailures: failures, abort: { ch.close() })
        return .finish(window: window, logs: [log], latencyLogs: [log], producers: 1, perProducer: n, config: c)
    }

    /// Round trips: the pinger sends message i on `ping`, the ponger echoes it on `pong`;
    /// latency is the round trip (latency mode; throughput mode reads no clock and reports
    /// only ns per round trip). Both directions are checked by the oracle.
    static func pingpong<D: WorkloadDriver>(_ ping: D, _ pong: D, _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput {
        let n = c.messages
        let pingerLog = ConsumerLog(producers: 1, perProducer: n)
        let pongerLog = ConsumerLog(producers: 1, perProducer: n)
        let failures = SendFailures()
        let rate = c.rate.map(Double.init)
        let roles = [ping.pinger(back: pong, count: n, bytes: c.messageBytes, pacer: { Pacer.make(perProducerRate: rate) },
                                 timed: c.mode == .latency, log: pingerLog, failures: failures),
                     ping.ponger(back: pong, log: pongerLog, failures: failures)]
        let window = Measurement.measure(D.workers(roles), settings: settings,
                                         count: { max(ping.count, pong.count) }, sendFailures: failures,
                                         abort: { ping.close(); pong.close() })
        return .finish(window: window, logs: [pingerLog], latencyLogs: [pingerLog], producers: 1, perProducer: n, config: c,
                       extraLogs: [([pongerLog], 1)])
    }
}
