import Channels
import BenchModel

/// Runs one configuration of an *async* implementation on tasks (the global concurrent
/// executor). Same structure and oracle as ``BlockingEngine``; the existential is opened once.
package enum AsyncEngine {
    static func run<P: BenchPayload>(_ c: RunConfiguration, _: P.Type, settings: EngineSettings) -> EngineOutput {
        let d = c.implementation
        // Built-in flavors: concrete channel types (see ``BuiltInFlavor``).
        if settings.specializeBuiltIns, let flavor = BuiltInFlavor(d),
           let output = flavor.withSuspending(capacity: c.capacity, Workloads<P>(configuration: c, settings: settings)) {
            return output
        }
        guard let ch = d.makeSuspending(BenchMessage<P>.self, capacity: c.capacity) else {
            preconditionFailure("\(d.name) is not async")
        }
        switch c.workload {
        case .pingpong:
            let back = d.makeSuspending(BenchMessage<P>.self, capacity: c.capacity)!
            return pingpong(ch, back, c, settings: settings)
        case .seq:
            return seq(ch, c, settings: settings)
        case .spsc, .mpsc, .mpmc:
            return streams(ch, c, settings: settings)
        }
    }

    /// The workloads for a concretely typed channel (the specialized path).
    struct Workloads<P: BenchPayload>: SuspendingChannelBody {
        typealias Element = BenchMessage<P>
        let configuration: RunConfiguration
        let settings: EngineSettings

        @inline(__always)
        func run<C: SuspendingChannel>(_ make: () -> C) -> EngineOutput where C.Element == BenchMessage<P> {
            switch configuration.workload {
            case .pingpong: return pingpong(make(), make(), configuration, settings: settings)
            case .seq: return seq(make(), configuration, settings: settings)
            case .spsc, .mpsc, .mpmc: return streams(make(), configuration, settings: settings)
            }
        }
    }

    static func streams<C: SuspendingChannel, P: BenchPayload>(_ ch: C, _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput
    where C.Element == BenchMessage<P> {
        let per = c.messagesPerProducer
        let logs = (0..<c.consumers).map { _ in ConsumerLog(producers: c.producers, perProducer: per) }
        let left = ProducersLeft(c.producers)
        let failures = SendFailures()
        let bytes = c.messageBytes
        let perProducerRate = c.rate.map { Double($0) / Double(c.producers) }
        var workers: [@Sendable () async -> Void] = []
        for p in 0..<c.producers {
            workers.append {
                await produce(ch, producer: p, count: per, bytes: bytes, pacer: Pacer.make(perProducerRate: perProducerRate), sampleEvery: settings.latencySampleEvery, failures: failures)
                if left.finish() { ch.close() }
            }
        }
        for log in logs {
            workers.append { await consume(ch, log: log) }
        }
        let window = Measurement.measure(driver: .async, workers: workers, threadWorkers: nil, timeoutSeconds: settings.timeout,
                                         count: { ch.count }, sendFailures: failures, abort: { ch.close() })
        return .finish(window: window, logs: logs, latencyLogs: logs, producers: c.producers, perProducer: per, config: c)
    }

    static func seq<C: SuspendingChannel, P: BenchPayload>(_ ch: C, _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput
    where C.Element == BenchMessage<P> {
        let n = c.messages
        let log = ConsumerLog(producers: 1, perProducer: n)
        let failures = SendFailures()
        let bytes = c.messageBytes
        let rate = c.rate.map(Double.init)
        let worker: @Sendable () async -> Void = {
            await produce(ch, producer: 0, count: n, bytes: bytes, pacer: Pacer.make(perProducerRate: rate), sampleEvery: settings.latencySampleEvery, failures: failures)
            ch.close()
            await consume(ch, log: log)
        }
        let window = Measurement.measure(driver: .async, workers: [worker], threadWorkers: nil, timeoutSeconds: settings.timeout,
                                         count: { ch.count }, sendFailures: failures, abort: { ch.close() })
        return .finish(window: window, logs: [log], latencyLogs: [log], producers: 1, perProducer: n, config: c)
    }

    static func pingpong<C1: SuspendingChannel, C2: SuspendingChannel, P: BenchPayload>(_ ping: C1, _ pong: C2, _ c: RunConfiguration, settings: EngineSettings) -> EngineOutput
    where C1.Element == BenchMessage<P>, C2.Element == BenchMessage<P> {
        let n = c.messages
        let pingerLog = ConsumerLog(producers: 1, perProducer: n)
        let pongerLog = ConsumerLog(producers: 1, perProducer: n)
        let failures = SendFailures()
        let bytes = c.messageBytes
        let rate = c.rate.map(Double.init)
        let pinger: @Sendable () async -> Void = {
            let pacer = Pacer.make(perProducerRate: rate)
            for i in 0..<n {
                let sentAt: UInt64
                if let pacer { sentAt = pacer.intendedTime(i); await Pacer.waitSuspending(until: sentAt) } else { sentAt = monotonicNanoseconds() }
                do {
                    try await ping.send(BenchMessage<P>(producer: 0, sequence: UInt64(i), sentAt: sentAt, byteCount: bytes))
                } catch {
                    failures.increment()
                    break
                }
                guard let back = await pong.receive() else { break }
                pingerLog.record(back, recordLatency: true)
            }
            ping.close()
        }
        let ponger: @Sendable () async -> Void = {
            while let m = await ping.receive() {
                pongerLog.record(m, recordLatency: false)
                do { try await pong.send(m) } catch { failures.increment(); break }
            }
            pong.close()
        }
        let window = Measurement.measure(driver: .async, workers: [pinger, ponger], threadWorkers: nil, timeoutSeconds: settings.timeout,
                                         count: { max(ping.count, pong.count) }, sendFailures: failures,
                                         abort: { ping.close(); pong.close() })
        return .finish(window: window, logs: [pingerLog], latencyLogs: [pingerLog], producers: 1, perProducer: n, config: c,
                       extraLogs: [([pongerLog], 1)])
    }

    @inline(__always)
    static func produce<C: SuspendingChannel, P: BenchPayload>(_ ch: C, producer: Int, count: Int, bytes: Int, pacer: Pacer?, sampleEvery: Int, failures: SendFailures) async
    where C.Element == BenchMessage<P> {
        let id = UInt32(producer)
        for s in 0..<count {
            let sentAt: UInt64
            if let pacer { sentAt = pacer.intendedTime(s); await Pacer.waitSuspending(until: sentAt) } else { sentAt = s % sampleEvery == 0 ? monotonicNanoseconds() : 0 }
            do {
                try await ch.send(BenchMessage<P>(producer: id, sequence: UInt64(s), sentAt: sentAt, byteCount: bytes))
            } catch {
                failures.increment()
                return
            }
        }
    }

    @inline(__always)
    static func consume<C: SuspendingChannel, P: BenchPayload>(_ ch: C, log: ConsumerLog) async where C.Element == BenchMessage<P> {
        while let m = await ch.receive() {
            log.record(m, recordLatency: true)
        }
    }
}
