import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Channels
import BenchSupport

/// A producers × consumers run over one channel: every producer sends `perProducer` coded
/// messages, the last producer to finish closes the channel, consumers receive until the
/// channel ends. Used by the exactly-once check (and its shrinking) and the progress check.
package struct DeliveryScenario: Sendable, CustomStringConvertible {
    var producers: Int
    var consumers: Int
    var perProducer: Int
    var capacity: ChannelCapacity
    /// One producer sends in bursts of 1, 2, 4 … 2^14 messages, round after round. A burst
    /// that fits is sent while the consumers hold off, so it piles up in the channel whole
    /// (a grown buffer, a new block); a larger one streams against them.
    var bursts = false

    package var description: String {
        "\(producers) producer(s) × \(consumers) consumer(s) × \(perProducer) messages each, capacity \(capacity)"
            + (bursts ? ", in bursts of 1 … 2^\(Self.largestBurstExponent)" : "")
    }

    static let largestBurstExponent = 14

    /// The size of each burst, in order, for `total` messages.
    static func burstSizes(_ total: Int) -> [Int] {
        var out: [Int] = [], left = total, k = 0
        while left > 0 {
            let b = min(left, 1 << k)
            out.append(b)
            left -= b
            k = k == largestBurstExponent ? 0 : k + 1
        }
        return out
    }

    /// Runs the scenario against `descriptor` and checks what the consumers got.
    /// `nil` if everything held; otherwise what broke and the evidence.
    func run(_ descriptor: ChannelDescriptor, seed: UInt64, stall: Duration) -> (message: String, detail: String)? {
        let names = (0..<producers).map { "producer \($0)" } + (0..<consumers).map { "consumer \($0)" }
        let board = WorkerBoard(names: names)
        let logs = ConsumerLogs(count: consumers)
        let sendErrors = Atomic<Int>(0)
        let producersLeft = Atomic<Int>(producers)
        let p = producers, per = perProducer
        // Bursts: consumers receive only while the gate is open.
        let gateOpen = Atomic<Bool>(true)
        let bursts = self.bursts && producers == 1 ? Self.burstSizes(perProducer) : []
        let fitsWithoutReceiver = descriptor.sendsCompletingWithoutReceiver(capacity)
        let group: WorkerGroup
        // What the channel reports it dropped, read after the run.
        let droppedCount: @Sendable () -> Int?
        switch descriptor.maker {
        case .blocking(let maker):
            let ch = maker.make(Int.self, capacity: capacity)
            droppedCount = { ch.droppedCount }
            group = WorkerGroup.threads(board) { w in
                var perturb = SchedulePerturbation(seed: SeededGenerator.derive(seed, "worker", w))
                let slot = board[w]
                if w < p && !bursts.isEmpty {
                    var s = 0
                    for b in bursts {
                        let gated = fitsWithoutReceiver.map { b <= $0 } ?? true
                        if gated {
                            while ch.count > 0 { usleep(50) }
                            gateOpen.store(false, ordering: .releasing)
                        }
                        for _ in 0..<b {
                            let code = MessageCode.make(producer: w, sequence: s)
                            slot.begin(.send, code)
                            do { try ch.send(code) } catch { sendErrors.wrappingAdd(1, ordering: .relaxed) }
                            slot.end()
                            s += 1
                        }
                        gateOpen.store(true, ordering: .releasing)
                    }
                    ch.close()
                } else if w < p {
                    for s in 0..<per {
                        let code = MessageCode.make(producer: w, sequence: s)
                        perturb.step()
                        slot.begin(.send, code)
                        do { try ch.send(code) } catch { sendErrors.wrappingAdd(1, ordering: .relaxed) }
                        slot.end()
                    }
                    if producersLeft.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0 { ch.close() }
                } else {
                    var got: [Int] = []
                    got.reserveCapacity(per * p)
                    while true {
                        perturb.step()
                        while !gateOpen.load(ordering: .acquiring) { usleep(50) }
                        slot.begin(.receive)
                        let v = ch.receive()
                        slot.end()
                        guard let v else { break }
                        got.append(v)
                    }
                    logs.store(w - p, got)
                }
            }
        case .suspending(let maker):
            let ch = maker.make(Int.self, capacity: capacity)
            droppedCount = { ch.droppedCount }
            group = WorkerGroup.tasks(board) { w in
                var perturb = SchedulePerturbation(seed: SeededGenerator.derive(seed, "worker", w))
                let slot = board[w]
                if w < p && !bursts.isEmpty {
                    var s = 0
                    for b in bursts {
                        let gated = fitsWithoutReceiver.map { b <= $0 } ?? true
                        if gated {
                            while ch.count > 0 { try? await Task.sleep(for: .microseconds(50)) }
                            gateOpen.store(false, ordering: .releasing)
                        }
                        for i in 0..<b {
                            let code = MessageCode.make(producer: w, sequence: s)
                            if i % 64 == 63 { await Task.yield() }
                            slot.begin(.send, code)
                            do { try await ch.send(code) } catch { sendErrors.wrappingAdd(1, ordering: .relaxed) }
                            slot.end()
                            s += 1
                        }
                        gateOpen.store(true, ordering: .releasing)
                    }
                    ch.close()
                } else if w < p {
                    for s in 0..<per {
                        let code = MessageCode.make(producer: w, sequence: s)
                        perturb.step()
                        if s % 64 == 63 { await Task.yield() }
                        slot.begin(.send, code)
                        do { try await ch.send(code) } catch { sendErrors.wrappingAdd(1, ordering: .relaxed) }
                        slot.end()
                    }
                    if producersLeft.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0 { ch.close() }
                } else {
                    var got: [Int] = []
                    got.reserveCapacity(per * p)
                    while true {
                        perturb.step()
                        while !gateOpen.load(ordering: .acquiring) { try? await Task.sleep(for: .microseconds(50)) }
                        slot.begin(.receive)
                        let v = await ch.receive()
                        slot.end()
                        guard let v else { break }
                        got.append(v)
                    }
                    logs.store(w - p, got)
                }
            }
        }
        let outcome = group.wait(stall: stall)
        OperationCount.add(board.progress)
        if case .hung(let dump) = outcome {
            return ("hang: \(self)", dump)
        }
        let errors = sendErrors.load(ordering: .acquiring)
        if errors > 0 {
            return ("\(errors) send(s) threw on an open channel", "\(self)")
        }
        if let failure = DeliveryLedger.check(logs.all, producers: producers, perProducer: perProducer,
                                              lossy: descriptor.lossy) {
            return failure
        }
        // Lossy may drop, but every send that returned normally is either received or counted
        // as dropped (where drops are declared counted): nothing vanishes unaccounted.
        if let dropped = descriptor.declaredDrops(reported: droppedCount()) {
            let received = logs.all.reduce(0) { $0 + $1.count }
            if received + dropped != producers * perProducer {
                return ("lossy: received \(received) + dropped \(dropped) != \(producers * perProducer) sent",
                        "\(self); per consumer: \(logs.all.map(\.count))")
            }
        }
        return nil
    }
}

/// Starts `count` threads, each making one blocking `call` (shown on the board as `op`, with
/// `argument(w)`), and returns once every one of them is inside its call and `settle` has
/// passed (or after `stall`, if they never all get there): parked waiters for a check to wake.
/// `results[w]` is what waiter `w`'s call returned, once it did.
func parkWaiters<R: Sendable>(
    _ name: String, count: Int, in op: WorkerOperation, argument: @escaping @Sendable (Int) -> Int = { _ in Int.min },
    stall: Duration, settle: Duration, _ call: @escaping @Sendable (Int) -> R
) -> (group: WorkerGroup, results: PthreadLockedState<[R?]>) {
    parked(name, count: count, in: op, stall: stall, settle: settle) { board, results in
        WorkerGroup.threads(board) { w in
            board[w].begin(op, argument(w))
            let r = call(w)
            board[w].end()
            results.withLock { $0[w] = r }
        }
    }
}

/// ``parkWaiters(_:count:in:argument:stall:settle:_:)`` for suspending calls: `count` tasks,
/// each awaiting one `call`.
func parkTaskWaiters<R: Sendable>(
    _ name: String, count: Int, in op: WorkerOperation, argument: @escaping @Sendable (Int) -> Int = { _ in Int.min },
    stall: Duration, settle: Duration, _ call: @escaping @Sendable (Int) async -> R
) -> (group: WorkerGroup, results: PthreadLockedState<[R?]>) {
    parked(name, count: count, in: op, stall: stall, settle: settle) { board, results in
        WorkerGroup.tasks(board) { w in
            board[w].begin(op, argument(w))
            let r = await call(w)
            board[w].end()
            results.withLock { $0[w] = r }
        }
    }
}

/// The board, the results and the wait until every waiter is inside `op`, around the group
/// `start` makes.
private func parked<R: Sendable>(
    _ name: String, count: Int, in op: WorkerOperation, stall: Duration, settle: Duration,
    start: (WorkerBoard, PthreadLockedState<[R?]>) -> WorkerGroup
) -> (group: WorkerGroup, results: PthreadLockedState<[R?]>) {
    let board = WorkerBoard(names: (0..<count).map { "\(name) \($0)" })
    let results = PthreadLockedState<[R?]>(Array(repeating: nil, count: count))
    let group = start(board, results)
    _ = waitUntil(stall) { board.allWaiting(in: op, workers: 0..<count) }
    pause(settle)
    return (group, results)
}

/// What each consumer received, in order; written once per consumer when it ends.
package final class ConsumerLogs: Sendable {
    private let logs: PthreadLockedState<[[Int]]>
    init(count: Int) { logs = PthreadLockedState(Array(repeating: [], count: count)) }
    func store(_ i: Int, _ log: [Int]) { logs.withLock { $0[i] = log } }
    var all: [[Int]] { logs.withLock { $0 } }
}

/// Checks consumer logs for exactly-once delivery and per-producer FIFO.
package enum DeliveryLedger {
    /// - exactly once: every message received by exactly one consumer, exactly one time
    ///   (for lossy implementations: at most once);
    /// - per-producer FIFO: within each consumer's log, each producer's sequence numbers
    ///   strictly increase.
    static func check(_ logs: [[Int]], producers: Int, perProducer: Int, lossy: Bool) -> (message: String, detail: String)? {
        var seenBy = Array(repeating: -1, count: producers * perProducer)
        for (c, log) in logs.enumerated() {
            var last = Array(repeating: -1, count: producers)
            for (position, code) in log.enumerated() {
                let p = MessageCode.producer(code), s = MessageCode.sequence(code)
                guard p >= 0, p < producers, s < perProducer else {
                    return ("consumer \(c) received a message nobody sent: \(code)", excerpt(log, position, c))
                }
                let idx = p * perProducer + s
                if seenBy[idx] >= 0 {
                    return ("message \(MessageCode.describe(code)) received twice (consumers \(seenBy[idx]) and \(c))",
                            excerpt(log, position, c))
                }
                seenBy[idx] = c
                if s <= last[p] {
                    return ("per-producer FIFO broken: consumer \(c) got \(MessageCode.describe(code)) after p\(p)#\(last[p])",
                            excerpt(log, position, c))
                }
                last[p] = s
            }
        }
        if !lossy, let missing = seenBy.firstIndex(of: -1) {
            let lost = seenBy.filter { $0 < 0 }.count
            let code = MessageCode.make(producer: missing / perProducer, sequence: missing % perProducer)
            return ("\(lost) message(s) lost; first: \(MessageCode.describe(code)) never received",
                    "received \(seenBy.count - lost) of \(seenBy.count); per consumer: \(logs.map(\.count))")
        }
        return nil
    }

    /// For runs where not every send succeeds (timed out, failed at close): each message
    /// received at most once, only messages whose send returned normally (`sent`), every one
    /// of those when `lossless`, and per-producer FIFO within each consumer's log.
    static func check(_ logs: [[Int]], sent: Set<Int>, producers: Int, lossless: Bool) -> String? {
        var seen = Set<Int>()
        for v in logs.joined() where !seen.insert(v).inserted {
            return "message \(MessageCode.describe(v)) received twice"
        }
        if let ghost = seen.first(where: { !sent.contains($0) }) {
            return "message \(MessageCode.describe(ghost)) was received although its send did not return normally (timed out or failed)"
        }
        if lossless, let lost = sent.first(where: { !seen.contains($0) }) {
            return "message \(MessageCode.describe(lost)) was sent (send returned normally) but never received"
        }
        for (c, log) in logs.enumerated() {
            var last = [Int](repeating: -1, count: producers)
            for v in log {
                let p = MessageCode.producer(v), s = MessageCode.sequence(v)
                if s <= last[p] { return "per-producer FIFO broken: consumer \(c) got \(MessageCode.describe(v)) after p\(p)#\(last[p])" }
                last[p] = s
            }
        }
        return nil
    }

    private static func excerpt(_ log: [Int], _ at: Int, _ consumer: Int) -> String {
        let lo = max(0, at - 6), hi = min(log.count, at + 3)
        let items = (lo..<hi).map { i in (i == at ? ">" : "") + MessageCode.describe(log[i]) }
        return "consumer \(consumer) received, positions \(lo)..<\(hi): " + items.joined(separator: " ")
    }
}
