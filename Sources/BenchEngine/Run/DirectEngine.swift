import Channels
import BenchModel

/// The `null` baseline's engine: no channel. Each producer thread builds every message and
/// immediately runs the consumer-side bookkeeping on it (oracle; in latency mode also the
/// sampled clock reads and histogram) with its own log, so the result is the harness's
/// per-message floor in that mode with the same thread count as the producers of the
/// workload. Pingpong, try-pingpong and seq use one thread.
package enum DirectEngine {
    static func run<P: BenchPayload>(_ c: RunConfiguration, _: P.Type, settings: EngineSettings) -> EngineOutput {
        let per = c.messagesPerProducer
        let logs = (0..<c.producers).map { _ in ConsumerLog(producers: c.producers, perProducer: per) }
        let bytes = c.messageBytes
        let sampleEvery = settings.sampleEvery(c)
        let perProducerRate = c.rate.map { Double($0) / Double(c.producers) }
        var workers: [@Sendable () -> Void] = []
        for p in 0..<c.producers {
            let log = logs[p]
            workers.append {
                let stamp = SendStamp(pacer: Pacer.make(perProducerRate: perProducerRate), sampleEvery: sampleEvery)
                if let work = InjectedWork.configured {
                    produce(producer: p, count: per, bytes: bytes, stamp: stamp, work: work, log: log, as: P.self)
                } else {
                    produce(producer: p, count: per, bytes: bytes, stamp: stamp, work: NoInjectedWork(), log: log, as: P.self)
                }
            }
        }
        let window = Measurement.measure(.threads(workers), settings: settings,
                                         count: { 0 }, sendFailures: SendFailures(), abort: {})
        return .finish(window: window, logs: logs, latencyLogs: logs, producers: c.producers, perProducer: per, config: c)
    }

    /// One producer's messages, each recorded as the consumer would.
    @inline(__always)
    static func produce<P: BenchPayload, W: PerMessageWork>(producer p: Int, count per: Int, bytes: Int, stamp: SendStamp,
                                                            work: W, log: ConsumerLog, as _: P.Type) {
        let id = UInt32(p)
        if stamp.stampsNothing {
            for s in 0..<per {
                work.perform()
                log.record(BenchMessage<P>(producer: id, sequence: UInt64(s), sentAt: 0, byteCount: bytes), recordLatency: false)
            }
            return
        }
        var stamp = stamp
        for s in 0..<per {
            let sentAt = stamp.nextBlocking(s)
            work.perform()
            log.record(BenchMessage<P>(producer: id, sequence: UInt64(s), sentAt: sentAt, byteCount: bytes), recordLatency: true)
        }
    }
}
