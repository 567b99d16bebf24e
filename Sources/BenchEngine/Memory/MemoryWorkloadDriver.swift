import Channels
import BenchSupport

/// The memory scenario's roles: the channel carries bare payloads, so the bytes per queued
/// message are the payload's and the channel's own, with no benchmark header on top.
/// ``MemoryScenarioRunner`` writes the scenario once over this.
protocol MemoryWorkloadDriver: ChannelDriver {
    associatedtype Payload: BenchPayload

    /// Sends a `bytes`-byte payload stamped with each index of `range`, each counted in
    /// `counters.sent` before its send (a consumer can take it before the send returns, and
    /// `received` must never pass `sent`); a failed send is uncounted and ends the role. Then
    /// runs `then`.
    func memoryProducer(_ range: Range<Int>, bytes: Int, counters: TrafficCounters,
                        then: @escaping @Sendable () -> Void) -> Role
    /// Receives until the channel is closed and drained, each message counted in
    /// `counters.received`; message i is taken no earlier than the pacer's intended time i.
    /// Then runs `then`.
    func memoryConsumer(pacer: @escaping @Sendable () -> Pacer?, counters: TrafficCounters,
                        then: @escaping @Sendable () -> Void) -> Role
}

extension BlockingWorkloadDriver: MemoryWorkloadDriver where C.Element == Payload {
    func memoryProducer(_ range: Range<Int>, bytes: Int, counters: TrafficCounters,
                        then: @escaping @Sendable () -> Void) -> Role {
        let ch = channel
        return {
            for i in range {
                counters.sent.wrappingAdd(1, ordering: .relaxed)
                do { try ch.send(Payload(byteCount: bytes, stamp: UInt64(i))) } catch {
                    counters.sent.wrappingSubtract(1, ordering: .relaxed)
                    break
                }
            }
            then()
        }
    }

    func memoryConsumer(pacer: @escaping @Sendable () -> Pacer?, counters: TrafficCounters,
                        then: @escaping @Sendable () -> Void) -> Role {
        let ch = channel
        return {
            let pacer = pacer()
            var i = 0
            while ch.receive() != nil {
                counters.received.wrappingAdd(1, ordering: .releasing)
                i += 1
                if let pacer { Pacer.waitBlocking(until: pacer.intendedTime(i)) }
            }
            then()
        }
    }
}

extension SuspendingWorkloadDriver: MemoryWorkloadDriver where C.Element == Payload {
    func memoryProducer(_ range: Range<Int>, bytes: Int, counters: TrafficCounters,
                        then: @escaping @Sendable () -> Void) -> Role {
        let ch = channel
        return {
            for i in range {
                counters.sent.wrappingAdd(1, ordering: .relaxed)
                do { try await ch.send(Payload(byteCount: bytes, stamp: UInt64(i))) } catch {
                    counters.sent.wrappingSubtract(1, ordering: .relaxed)
                    break
                }
            }
            then()
        }
    }

    func memoryConsumer(pacer: @escaping @Sendable () -> Pacer?, counters: TrafficCounters,
                        then: @escaping @Sendable () -> Void) -> Role {
        let ch = channel
        return {
            let pacer = pacer()
            var i = 0
            while await ch.receive() != nil {
                counters.received.wrappingAdd(1, ordering: .releasing)
                i += 1
                if let pacer { await Pacer.waitSuspending(until: pacer.intendedTime(i)) }
            }
            then()
        }
    }
}
