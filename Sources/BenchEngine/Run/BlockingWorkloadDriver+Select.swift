import Channels
import BenchSupport

extension BlockingWorkloadDriver: SelectWorkloadDriver where C: SelectableChannel, C.Element == BenchMessage<Payload> {
    static func selectingConsumer(_ channels: [Self], logs: [ConsumerLog]) -> Role {
        let chs = channels.map(\.channel)
        return {
            var open = Array(chs.indices)
            while !open.isEmpty {
                // Rebuilt only when a channel closes: a closed, drained channel is always ready.
                var select = Select<SelectReceipt<BenchMessage<Payload>>>()
                for k in open {
                    select.receive(from: chs[k]) { m in m.map { .message(index: k, $0) } ?? .closed(index: k) }
                }
                receiving: while true {
                    switch select.wait() {
                    case .message(let k, let m): logs[k].record(m, recordLatency: true)
                    case .closed(let k):
                        open.removeAll { $0 == k }
                        break receiving
                    }
                }
            }
        }
    }

    static func selectingProducer(_ channels: [Self], producer: Int, count: Int, bytes: Int,
                                  pacer: @escaping @Sendable () -> Pacer?, sampleEvery: Int,
                                  failures: SendFailures, then: @escaping @Sendable () -> Void) -> Role {
        let chs = channels.map(\.channel)
        let id = UInt32(producer)
        return {
            var stamp = SendStamp(pacer: pacer(), sampleEvery: sampleEvery)
            // One select for the whole role, sending whatever `next` holds at each wait: a
            // select rebuilt per message would cost its arrays and closures every time.
            var next = BenchMessage<Payload>(producer: id, sequence: 0, sentAt: 0, byteCount: bytes)
            var select = Select<Bool>()
            for ch in chs { select.send(to: ch, element: { next }) { sent in (try? sent.get()) != nil } }
            for s in 0..<count {
                let sentAt = stamp.nextBlocking(s)
                next = BenchMessage<Payload>(producer: id, sequence: UInt64(s), sentAt: sentAt, byteCount: bytes)
                guard select.wait() else {
                    failures.increment()
                    break
                }
            }
            then()
        }
    }
}
