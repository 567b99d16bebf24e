import Channels
import BenchModel

/// Runs one configuration of a *blocking* implementation on OS threads.
///
/// Performance: the registry hands out `any BlockingChannel<BenchMessage<P>>`. The existential
/// is opened exactly once (passing it to a generic function), and the per-message loops are
/// `@inline(__always)` generic helpers, so in the payload-specialized caller the message
/// handling is concrete code and the only dynamic dispatch per message is the channel's own
/// `send`/`receive` witness call — the same call any generic user of the protocol makes.
package enum BlockingEngine {
    static func run<P: BenchPayload>(_ c: RunConfiguration, _: P.Type, settings: EngineSettings) -> EngineOutput {
        let d = c.implementation
        if BenchImplementations.isBaseline(d) { return DirectEngine.run(c, P.self, settings: settings) }
        // Built-in flavors: concrete channel types, so their bodies specialize for the message
        // type (see ``BuiltInFlavor``). Everything else: the registry's generic path.
        if settings.specializeBuiltIns, let flavor = BuiltInFlavor(d),
           let output = flavor.withBlocking(capacity: c.capacity, Workloads<P>(configuration: c, settings: settings)) {
            return output
        }
        guard let ch = d.makeBlocking(BenchMessage<P>.self, capacity: c.capacity) else {
            preconditionFailure("\(d.name) is not blocking")
        }
        switch c.workload {
        case .pingpong:
            let back = d.makeBlocking(BenchMessage<P>.self, capacity: c.capacity)!
            return pingpong(ch, back, c, settings: settings)
        case .seq:
            return seq(ch, c, settings: settings)
        case .spsc, .mpsc, .mpmc:
            return streams(ch, c, settings: settings)
        }
    }

    /// The workloads for a concretely typed channel (the specialized path).
    struct Workloads<P: BenchPayload>: BlockingChannelBody {
        typealias Element = BenchMessage<P>
        let configuration: RunConfiguration
        let settings: EngineSettings

        @inline(__always)
        func run<C: BlockingChannel>(_ make: () -> C) -> EngineOutput where C.Element == BenchMessage<P> {
            switch configuration.workload {
            case .pingpong: return pingpong(make(), make(), configuration, settings: settings)
            case .seq: return seq(make(), configuration, settings: settings)
            case .spsc, .mpsc, .mpmc: return streams(make(), configuration, settings: settings)
            }
        }
    }

    /// P producers and C consumers on one channel.
    static func streams<C: BlockingChannel, P: BenchPayload>(_ ch: C, _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput
    where C.Element == BenchMessage<P> {
        let per = c.messagesPerProducer
        let logs = (0..<c.consumers).map { _ in ConsumerLog(producers: c.producers, perProducer: per) }
        let left = ProducersLeft(c.producers)
        let failures = SendFailures()
        let bytes = c.messageBytes
        let perProducerRate = c.rate.map { Double($0) / Double(c.producers) }
        var workers: [@Sendable () -> Void] = []
        for p in 0..<c.producers {
            workers.append {
                produce(ch, producer: p, count: per, bytes: bytes, pacer: Pacer.make(perProducerRate: perProducerRate), sampleEvery: settings.latencySampleEvery, failures: failures)
                if left.finish() { ch.close() }
            }
        }
        for log in logs {
            workers.append { consume(ch, log: log) }
        }
        let window = Measurement.measure(driver: .blocking, workers: nil, threadWorkers: workers, timeoutSeconds: settings.timeout,
                                         count: { ch.count }, sendFailures: failures, abort: { ch.close() })
        return .finish(window: window, logs: logs, latencyLogs: logs, producers: c.producers, perProducer: per, config: c)
    }

    /// One thread sends everything, then receives everything.
    static func seq<C: BlockingChannel, P: BenchPayload>(_ ch: C, _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput
    where C.Element == BenchMessage<P> {
        let n = c.messages
        let log = ConsumerLog(producers: 1, perProducer: n)
        let failures = SendFailures()
        let bytes = c.messageBytes
        let rate = c.rate.map(Double.init)
        let worker: @Sendable () -> Void = {
            produce(ch, producer: 0, count: n, bytes: bytes, pacer: Pacer.make(perProducerRate: rate), sampleEvery: settings.latencySampleEvery, failures: failures)
            ch.close()
            consume(ch, log: log)
        }
        let window = Measurement.measure(driver: .blocking, workers: nil, threadWorkers: [worker], timeoutSeconds: settings.timeout,
                                         count: { ch.count }, sendFailures: failures, abort: { ch.close() })
        return .finish(window: window, logs: [log], latencyLogs: [log], producers: 1, perProducer: n, config: c)
    }

    /// Round trips: the pinger sends message i on `ping`, the ponger echoes it on `pong`;
    /// latency is the round trip. Both directions are checked by the oracle.
    static func pingpong<C1: BlockingChannel, C2: BlockingChannel, P: BenchPayload>(_ ping: C1, _ pong: C2, _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput
    where C1.Element == BenchMessage<P>, C2.Element == BenchMessage<P> {
        let n = c.messages
        let pingerLog = ConsumerLog(producers: 1, perProducer: n)
        let pongerLog = ConsumerLog(producers: 1, perProducer: n)
        let failures = SendFailures()
        let bytes = c.messageBytes
        let rate = c.rate.map(Double.init)
        let pinger: @Sendable () -> Void = {
            let pacer = Pacer.make(perProducerRate: rate)
            for i in 0..<n {
                let sentAt: UInt64
                if let pacer { sentAt = pacer.intendedTime(i); Pacer.waitBlocking(until: sentAt) } else { sentAt = monotonicNanoseconds() }
                do {
                    try ping.send(BenchMessage<P>(producer: 0, sequence: UInt64(i), sentAt: sentAt, byteCount: bytes))
                } catch {
                    failures.increment()
                    break
                }
                guard let back = pong.receive() else { break }
                pingerLog.record(back, recordLatency: true)
            }
            ping.close()
        }
        let ponger: @Sendable () -> Void = {
            while let m = ping.receive() {
                pongerLog.record(m, recordLatency: false)
                do { try pong.send(m) } catch { failures.increment(); break }
            }
            pong.close()
        }
        let window = Measurement.measure(driver: .blocking, workers: nil, threadWorkers: [pinger, ponger], timeoutSeconds: settings.timeout,
                                         count: { max(ping.count, pong.count) }, sendFailures: failures,
                                         abort: { ping.close(); pong.close() })
        return .finish(window: window, logs: [pingerLog], latencyLogs: [pingerLog], producers: 1, perProducer: n, config: c,
                       extraLogs: [([pongerLog], 1)])
    }

    @inline(__always)
    static func produce<C: BlockingChannel, P: BenchPayload>(_ ch: C, producer: Int, count: Int, bytes: Int, pacer: Pacer?, sampleEvery: Int, failures: SendFailures)
    where C.Element == BenchMessage<P> {
        let id = UInt32(producer)
        for s in 0..<count {
            let sentAt: UInt64
            if let pacer { sentAt = pacer.intendedTime(s); Pacer.waitBlocking(until: sentAt) } else { sentAt = s % sampleEvery == 0 ? monotonicNanoseconds() : 0 }
            do {
                try ch.send(BenchMessage<P>(producer: id, sequence: UInt64(s), sentAt: sentAt, byteCount: bytes))
            } catch {
                failures.increment()
                return
            }
        }
    }

    @inline(__always)
    static func consume<C: BlockingChannel, P: BenchPayload>(_ ch: C, log: ConsumerLog) where C.Element == BenchMessage<P> {
        while let m = ch.receive() {
            log.record(m, recordLatency: true)
        }
    }
}
