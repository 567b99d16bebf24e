import Channels
import Testing

/// `count` is exact whenever nothing runs concurrently (crossbeam's `len` tests assert it after
/// every send and receive). One task or thread runs a seeded random mix of every operation
/// that cannot wait (try operations, zero timeouts, and blocking calls only when a sequential
/// FIFO model says they complete at once), then closes and drains; after each step the result
/// must be the model's and `count` the model's buffer size.
@Suite struct PeerCountTests {
    static let steps = 2_000

    /// The sequential FIFO the channel must match.
    struct Model {
        let limit: Int?
        var buffer: [Int] = []
        var closed = false

        var hasRoom: Bool { limit.map { buffer.count < $0 } ?? true }

        mutating func send(_ v: Int) -> TrySendResult {
            if closed { return .closed }
            guard hasRoom else { return .full }
            buffer.append(v)
            return .sent
        }

        mutating func receive() -> TryReceiveResult<Int> {
            if !buffer.isEmpty { return .value(buffer.removeFirst()) }
            return closed ? .closed : .empty
        }
    }

    /// What a zero timeout answers where a try operation answers full or empty.
    static func asTimeout(_ result: TrySendResult) -> SendTimeoutResult {
        switch result {
        case .sent: return .sent
        case .full: return .timedOut
        case .closed: return .closed
        }
    }

    static func asTimeout(_ result: TryReceiveResult<Int>) -> ReceiveTimeoutResult<Int> {
        switch result {
        case .value(let v): return .value(v)
        case .empty: return .timedOut
        case .closed: return .closed
        }
    }

    @Test("blocking: count matches a FIFO model after every operation",
          arguments: BlockingFlavors.cases(capacities: BlockingFlavors.interestingCapacities + [.bounded(3)]))
    func blockingCountAfterEveryOperation(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let mismatch = await onThread(rescue: channel.close) { () -> String? in
            var model = Model(limit: c.capacity.limit)
            var rng = SplitMix(seed: 7)
            let closeAt = Self.steps * 3 / 4 + Int(rng.next() % UInt64(Self.steps / 8))
            for step in 0..<Self.steps {
                let value = step
                let described: String
                let actual: String, expected: String
                if step == closeAt {
                    channel.close()
                    model.closed = true
                    (described, actual, expected) = ("close", "\(channel.isClosed)", "true")
                } else {
                    switch rng.next() % 6 {
                    case 0:
                        (described, actual, expected) = ("trySend(\(value))", "\(channel.trySend(value))", "\(model.send(value))")
                    case 1:
                        let want = model.send(value)
                        let got = channel.send(value, timeout: .zero)
                        (described, actual, expected) = ("send(\(value), timeout: .zero)", "\(got)", "\(Self.asTimeout(want))")
                    case 2 where model.hasRoom || model.closed:
                        let want = model.send(value)
                        let got: TrySendResult
                        do { try channel.send(value); got = .sent } catch { got = .closed }
                        (described, actual, expected) = ("send(\(value))", "\(got)", "\(want)")
                    case 3:
                        (described, actual, expected) = ("tryReceive()", "\(channel.tryReceive())", "\(model.receive())")
                    case 4:
                        let want = model.receive()
                        let got = channel.receive(timeout: .zero)
                        (described, actual, expected) = ("receive(timeout: .zero)", "\(got)", "\(Self.asTimeout(want))")
                    case 5 where !model.buffer.isEmpty || model.closed:
                        (described, actual, expected) = ("receive()", "\(channel.receive().map { "\($0)" } ?? "nil")", "\(model.receive().value.map { "\($0)" } ?? "nil")")
                    default:
                        continue
                    }
                }
                let count = channel.count
                if actual != expected || count != model.buffer.count {
                    return "step \(step): \(described) -> \(actual) (model \(expected)); count \(count), model \(model.buffer.count)"
                }
            }
            return nil
        }
        #expect(mismatch == .some(nil), "\(mismatch.flatMap { $0 } ?? "")")
    }

    /// Channels without try operations get the mix their contract allows: sends only while a
    /// lone producer completes them without waiting (``AsyncCase/fillWithoutWaiting``, so no
    /// element of a lossy channel is dropped), receives only while something is buffered or
    /// the channel is closed. A rendezvous channel without try operations has no operation
    /// that completes alone, so it is not listed.
    @Test("async: count matches a FIFO model after every operation",
          arguments: AsyncCases.cases(at: BlockingFlavors.interestingCapacities + [.bounded(3)])
            .filter { $0.descriptor.supportsTryAndTimeout || !$0.capacity.isRendezvous })
    func asyncCountAfterEveryOperation(_ c: AsyncCase) async {
        await withWatchdog("count model \(c.testDescription)") {
            let channel = c.make(Int.self)
            let timed = channel as? any TimedSuspendingChannel<Int>
            var model = Model(limit: c.capacity.limit)
            // Below this many buffered, a send completes without waiting.
            let sendable = c.limit == nil ? Int.max : c.fillWithoutWaiting
            var rng = SplitMix(seed: 8)
            let closeAt = Self.steps * 3 / 4 + Int(rng.next() % UInt64(Self.steps / 8))
            for step in 0..<Self.steps {
                let value = step
                let described: String
                let actual: String, expected: String
                if step == closeAt {
                    channel.close()
                    model.closed = true
                    (described, actual, expected) = ("close", "\(channel.isClosed)", "true")
                } else {
                    switch rng.next() % 6 {
                    case 0 where timed != nil:
                        (described, actual, expected) = ("trySend(\(value))", "\(timed!.trySend(value))", "\(model.send(value))")
                    case 1 where timed != nil:
                        let want = model.send(value)
                        let got = await timed!.send(value, timeout: .zero)
                        (described, actual, expected) = ("send(\(value), timeout: .zero)", "\(got)", "\(Self.asTimeout(want))")
                    case 2 where (model.hasRoom && model.buffer.count < sendable) || model.closed:
                        let want = model.send(value)
                        let got: TrySendResult
                        do { try await channel.send(value); got = .sent } catch { got = .closed }
                        (described, actual, expected) = ("send(\(value))", "\(got)", "\(want)")
                    case 3 where timed != nil:
                        (described, actual, expected) = ("tryReceive()", "\(timed!.tryReceive())", "\(model.receive())")
                    case 4 where timed != nil:
                        let want = model.receive()
                        let got = await timed!.receive(timeout: .zero)
                        (described, actual, expected) = ("receive(timeout: .zero)", "\(got)", "\(Self.asTimeout(want))")
                    case 5 where !model.buffer.isEmpty || model.closed:
                        let got = await channel.receive()
                        (described, actual, expected) = ("receive()", "\(got.map { "\($0)" } ?? "nil")", "\(model.receive().value.map { "\($0)" } ?? "nil")")
                    default:
                        continue
                    }
                }
                let count = channel.count
                if actual != expected || count != model.buffer.count {
                    Issue.record("step \(step): \(described) -> \(actual) (model \(expected)); count \(count), model \(model.buffer.count)")
                    return
                }
            }
        }
    }
}
