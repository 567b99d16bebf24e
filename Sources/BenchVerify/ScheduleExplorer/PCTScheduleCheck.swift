import Synchronization
import Channels
import BenchSupport

/// For async exactly-once implementations: small producer/consumer scenarios (2–3 producers,
/// 1–2 consumers, capacities from 0 up, the last producer closing) run on ``PCTExplorer``'s
/// deterministic executor under many PCT schedules with 1–3 change points. Every message whose
/// send returned is received exactly once, in its producer's order, and every task ends: a
/// run in which no job is runnable but some task waits is a deadlock or lost wake-up, found
/// exactly, and replays from the iteration's seed.
package enum PCTScheduleCheck {
    static let check = VerifyCheck.perCapacity(
        name: "pct-schedules",
        summary: "PCT-explored interleavings on a deterministic executor deliver exactly once and never strand a task",
        capacities: capacities,
        applicability: { d in
            if d.kind != .async { return "blocking implementation (explores task schedules)" }
            if d.lossy { return "lossy by design" }
            return nil
        },
        iterate: { ctx, cap, _ in
            let d = ctx.descriptor
            guard case .suspending(let maker) = d.maker else { return .passed }
            var estimate = 0
            for s in 0..<(ctx.quick ? 40 : 200) {
                let scenario = Scenario(d, variant: ctx.variant / capacities(d).count + s, capacity: cap)
                let seed = SeededGenerator.derive(ctx.seed, "pct", s)
                let depth = 1 + s % 3
                let (run, _, failure) = scenario.explore(maker, seed: seed, depth: depth,
                                                         estimatedSteps: estimate > 0 ? estimate : scenario.messages * 6)
                WorkerGroup.heartbeat.wrappingAdd(1, ordering: .relaxed)
                estimate = run.jobOrder.count
                if let failure {
                    return .failed(message: "\(failure) (schedule \(s) of the iteration: \(scenario), \(depth) change point(s))",
                                   counterexample: "job order (worker per step): " + run.jobOrder.map(String.init).joined(separator: " "))
                }
            }
            return .passed
        })

    /// Small capacities: the explorer looks for interleavings, not volume.
    static func capacities(_ d: ChannelDescriptor) -> [ChannelCapacity] {
        [.bounded(0), .bounded(1), .bounded(2), .unbounded].filter { d.supports($0) }
            + (d.supportsBounded && d.minimumBoundedCapacity > 2 ? [.bounded(d.minimumBoundedCapacity)] : [])
    }

    /// One explored scenario: who sends how much through which capacity.
    package struct Scenario: Sendable, CustomStringConvertible {
        let producers: Int
        let consumers: Int
        let perProducer: Int
        let capacity: ChannelCapacity
        var messages: Int { producers * perProducer }

        init(_ d: ChannelDescriptor, variant: Int, capacity: ChannelCapacity) {
            producers = d.multiProducer ? 2 + variant % 2 : 1
            consumers = d.multiConsumer ? 1 + (variant / 2) % 2 : 1
            perProducer = 3 + variant % 3
            self.capacity = capacity
        }

        package init(producers: Int, consumers: Int, perProducer: Int, capacity: ChannelCapacity) {
            self.producers = producers
            self.consumers = consumers
            self.perProducer = perProducer
            self.capacity = capacity
        }

        package var description: String {
            "\(producers) producer(s) × \(perProducer), \(consumers) consumer(s), capacity \(capacity)"
        }

        /// Runs the scenario under one PCT schedule: the run, what each consumer received in
        /// order (the history) and the failure, if any.
        package func explore(_ maker: any SuspendingChannelMaker, seed: UInt64, depth: Int,
                             estimatedSteps: Int) -> (run: PCTRun, received: [[Int]], failure: String?) {
            let ch = maker.make(Int.self, capacity: capacity)
            let p = producers, m = perProducer
            let sent = PthreadLockedState(Array(repeating: [Int](), count: p))
            let received = PthreadLockedState(Array(repeating: [Int](), count: consumers))
            let producersLeft = Atomic<Int>(p)
            let wrongErrors = PthreadLockedState<[String]>([])
            let schedule = PCTSchedule(seed: seed, lanes: p + consumers, depth: depth, estimatedSteps: estimatedSteps)
            let run = PCTExplorer.run(workers: p + consumers, schedule: schedule, maxSteps: 200 * (messages + 10),
                                      release: { ch.close() }) { w in
                if w < p {
                    for s in 0..<m {
                        let code = MessageCode.make(producer: w, sequence: s)
                        do {
                            try await ch.send(code)
                            sent.withLock { $0[w].append(code) }
                        } catch {
                            wrongErrors.withLock { $0.append("producer \(w)'s send of \(MessageCode.describe(code)) threw \(error) before close") }
                        }
                    }
                    // The last producer closes, so consumers end once drained.
                    if producersLeft.wrappingSubtract(1, ordering: .relaxed).newValue == 0 { ch.close() }
                } else {
                    while let v = await ch.receive() { received.withLock { $0[w - p].append(v) } }
                }
            }
            let all = received.withLock { $0 }
            OperationCount.add(messages + all.reduce(0) { $0 + $1.count } + consumers)
            return (run, all, Self.judge(run, sent: sent.withLock { $0 }.flatMap { $0 }, received: all,
                                    wrongErrors: wrongErrors.withLock { $0 }, producers: p))
        }

        private static func judge(_ run: PCTRun, sent: [Int], received: [[Int]], wrongErrors: [String], producers: Int) -> String? {
            switch run.outcome {
            case .finished: break
            case .stuck(let ws):
                return "deadlock or lost wake-up: no task could run but worker(s) \(ws.map(String.init).joined(separator: ", ")) never finished (workers 0..<\(producers) produce)"
            case .stepLimit(let ws):
                return "livelock: worker(s) \(ws.map(String.init).joined(separator: ", ")) still unfinished after \(run.jobOrder.count) jobs"
            }
            if let e = wrongErrors.first { return e }
            let flat = received.flatMap { $0 }
            var seen = Set<Int>()
            for v in flat where !seen.insert(v).inserted { return "message \(MessageCode.describe(v)) received twice" }
            if let lost = Set(sent).subtracting(seen).min() {
                return "message \(MessageCode.describe(lost)) was sent (send returned) but never received"
            }
            if let ghost = seen.subtracting(sent).min() { return "message \(MessageCode.describe(ghost)) received but never sent" }
            for (c, got) in received.enumerated() {
                var last: [Int: Int] = [:]
                for v in got {
                    let prod = MessageCode.producer(v), seq = MessageCode.sequence(v)
                    if let before = last[prod], before > seq {
                        return "consumer \(c) received p\(prod)#\(seq) after p\(prod)#\(before): out of its producer's order"
                    }
                    last[prod] = seq
                }
            }
            return nil
        }
    }
}
