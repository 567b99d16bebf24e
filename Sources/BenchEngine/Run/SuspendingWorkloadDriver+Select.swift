import Channels
import BenchSupport

extension SuspendingWorkloadDriver: SelectWorkloadDriver where C == ActorChannel<BenchMessage<Payload>> {
    static func selectingConsumer(_ channels: [Self], logs: [ConsumerLog]) -> Role {
        let chs = channels.map(\.channel)
        return {
            var open = Array(chs.indices)
            while !open.isEmpty {
                // Rebuilt only when a channel closes: a closed, drained channel is always ready.
                var select = AsyncSelect<SelectReceipt<BenchMessage<Payload>>>()
                for k in open {
                    select.receive(from: chs[k]) { m in m.map { .message(index: k, $0) } ?? .closed(index: k) }
                }
                receiving: while true {
                    // Nothing cancels the workers; a cancellation would end the role, and the
                    // oracle then reports the messages it did not receive.
                    guard let receipt = try? await select.wait() else { return }
                    switch receipt {
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
            // One select for the whole run, sending whichever message is current (as the
            // blocking producer does): rebuilding it per message would cost its arrays and closures.
            var message = BenchMessage<Payload>(producer: id, sequence: 0, sentAt: 0, byteCount: bytes)
            var select = AsyncSelect<Bool>()
            for ch in chs { select.send(to: ch, element: { message }) { sent in (try? sent.get()) != nil } }
            for s in 0..<count {
                let sentAt = await stamp.nextSuspending(s)
                message = BenchMessage<Payload>(producer: id, sequence: UInt64(s), sentAt: sentAt, byteCount: bytes)
                guard (try? await select.wait()) == true else {
                    failures.increment()
                    break
                }
            }
            then()
        }
    }
}
