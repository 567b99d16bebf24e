import Channels
import BenchSupport

/// A blocking channel's roles, each run on its own OS thread. The channel carries ``BenchMessage``s of `Payload`
/// for the workloads, bare `Payload`s for the memory scenario.
struct BlockingWorkloadDriver<C: BlockingChannel, Payload: BenchPayload>: ChannelDriver {
    typealias Role = @Sendable () -> Void
    let channel: C

    var count: Int { channel.count }
    func close() { channel.close() }

    static func sequence(_ first: @escaping Role, _ second: @escaping Role) -> Role { { first(); second() } }
    static func workers(_ roles: [Role]) -> Workers { .threads(roles) }
}

extension BlockingWorkloadDriver: WorkloadDriver where C.Element == BenchMessage<Payload> {
    func producer(_ producer: Int, count: Int, bytes: Int, pacer: @escaping @Sendable () -> Pacer?, sampleEvery: Int,
                  failures: SendFailures, then: @escaping @Sendable () -> Void) -> Role {
        let ch = channel
        return {
            let stamp = SendStamp(pacer: pacer(), sampleEvery: sampleEvery)
            if let work = InjectedWork.configured {
                Self.produce(ch, producer: producer, count: count, bytes: bytes, stamp: stamp, work: work, failures: failures)
            } else {
                Self.produce(ch, producer: producer, count: count, bytes: bytes, stamp: stamp, work: NoInjectedWork(), failures: failures)
            }
            then()
        }
    }

    func consumer(_ log: ConsumerLog) -> Role {
        let ch = channel
        return {
            while let m = ch.receive() { log.record(m, recordLatency: true) }
        }
    }

    func pinger(back: Self, count: Int, bytes: Int, pacer: @escaping @Sendable () -> Pacer?, timed: Bool,
                log: ConsumerLog, failures: SendFailures) -> Role {
        let ping = channel, pong = back.channel
        return {
            // Every round trip is timed when `timed` (or paced): sampling every message.
            var stamp = SendStamp(pacer: pacer(), sampleEvery: timed ? 1 : 0)
            for i in 0..<count {
                let sentAt = stamp.nextBlocking(i)
                do {
                    try ping.send(BenchMessage<Payload>(producer: 0, sequence: UInt64(i), sentAt: sentAt, byteCount: bytes))
                } catch {
                    failures.increment()
                    break
                }
                guard let echo = pong.receive() else { break }
                log.record(echo, recordLatency: true)
            }
            ping.close()
        }
    }

    func ponger(back: Self, log: ConsumerLog, failures: SendFailures) -> Role {
        let ping = channel, pong = back.channel
        return {
            while let m = ping.receive() {
                log.record(m, recordLatency: false)
                do { try pong.send(m) } catch { failures.increment(); break }
            }
            pong.close()
        }
    }

    func tryRoundTrips(count: Int, bytes: Int, pacer: @escaping @Sendable () -> Pacer?, sampleEvery: Int,
                       log: ConsumerLog, failures: SendFailures) -> Role {
        let ch = channel
        return {
            let stamp = SendStamp(pacer: pacer(), sampleEvery: sampleEvery)
            if let work = InjectedWork.configured {
                Self.bounce(ch, count: count, bytes: bytes, stamp: stamp, work: work, log: log, failures: failures)
            } else {
                Self.bounce(ch, count: count, bytes: bytes, stamp: stamp, work: NoInjectedWork(), log: log, failures: failures)
            }
            ch.close()
        }
    }

    /// try-pingpong's loop: each message goes in with `trySend` and comes back out with
    /// `tryReceive` before the next; anything but `sent` then a value is a failure.
    @inline(__always)
    static func bounce<W: PerMessageWork>(_ ch: C, count: Int, bytes: Int, stamp: SendStamp, work: W, log: ConsumerLog,
                                          failures: SendFailures) {
        var stamp = stamp
        for s in 0..<count {
            let sentAt = stamp.nextBlocking(s)
            work.perform()
            guard ch.trySend(BenchMessage<Payload>(producer: 0, sequence: UInt64(s), sentAt: sentAt, byteCount: bytes)) == .sent,
                  case .value(let m) = ch.tryReceive() else {
                failures.increment()
                return
            }
            log.record(m, recordLatency: true)
        }
    }

    @inline(__always)
    static func produce<W: PerMessageWork>(_ ch: C, producer: Int, count: Int, bytes: Int, stamp: SendStamp, work: W,
                                           failures: SendFailures) {
        let id = UInt32(producer)
        // Throughput mode: nothing but building and sending each message.
        if stamp.stampsNothing {
            for s in 0..<count {
                work.perform()
                do {
                    try ch.send(BenchMessage<Payload>(producer: id, sequence: UInt64(s), sentAt: 0, byteCount: bytes))
                } catch {
                    failures.increment()
                    return
                }
            }
            return
        }
        var stamp = stamp
        for s in 0..<count {
            let sentAt = stamp.nextBlocking(s)
            work.perform()
            do {
                try ch.send(BenchMessage<Payload>(producer: id, sequence: UInt64(s), sentAt: sentAt, byteCount: bytes))
            } catch {
                failures.increment()
                return
            }
        }
    }
}
