import Channels
import BenchSupport

/// Lost wake-ups with several waiters: k receivers park on an empty channel, then k messages
/// are sent back to back — every receiver must wake and they must get exactly those k; and the
/// mirror, k senders parked on a full channel, then k receives back to back — every sender
/// must complete. A channel that wakes one waiter where two were owed (a signal only on the
/// empty-to-non-empty edge, a shared "wake pending" flag) leaves one asleep with work
/// available, and the watchdog reports who waits on what.
package enum ParkedWakeupsCheck {
    static let check = VerifyCheck(
        name: "parked-wakeups",
        summary: "k parked receivers, k sends back to back: all wake (and the mirror for senders)",
        minimumIterations: { capacities($0).count },
        applicability: { d in
            capacities(d).isEmpty ? "no side with several waiters (single consumer, and no sender that waits with several producers)" : nil
        },
        iterate: { ctx in
            let d = ctx.descriptor
            let cap = ctx.pick(capacities(d))
            let t = ctx.transcript("capacity \(cap)")
            let rounds = ctx.quick ? 12 : 60
            var rng = ctx.rng("parked")
            let ch = ChannelUnderTest<Int>(d, capacity: cap)
            if d.multiConsumer {
                for round in 0..<rounds {
                    let k = 2 + Int(rng.next() % 3)
                    let (group, got) = parkWaiters("receiver", count: k, in: .receive, stall: ctx.stall,
                                                   settle: .microseconds(200 + Int(rng.next() % 1000))) { _ in ch.receive() }
                    // At capacity 0 each send waits for its receiver, so the sends come from
                    // threads of their own; otherwise back to back from here.
                    let base = round * 100
                    if cap == .bounded(0) {
                        let senders = WorkerGroup.threads(WorkerBoard(names: (0..<k).map { "sender \($0)" })) { w in _ = ch.send(base + w) }
                        _ = senders.wait(stall: ctx.stall)
                    } else {
                        for i in 0..<k { _ = ch.send(base + i) }
                    }
                    if case .hung(let dump) = group.wait(stall: ctx.stall) {
                        ch.close()
                        t.fail("round \(round): \(k) receivers parked, \(k) sends made, a receiver never woke\n" + dump)
                        return t.result
                    }
                    let all = got.withLock { $0 }.compactMap { $0 ?? nil }.sorted()
                    guard t.expect(d.lossy || all == Array(base..<(base + k)), "round \(round): \(k) parked receivers got \(all)",
                                   "expected exactly the \(k) messages sent") else { return t.result }
                }
            }
            if parkedSenders(d), let n = d.sendsCompletingWithoutReceiver(cap) {
                for round in 0..<rounds {
                    let k = 2 + Int(rng.next() % 3)
                    for i in 0..<n { _ = ch.send(-1 - i) }
                    let (group, _) = parkWaiters("sender", count: k, in: .send, argument: { $0 }, stall: ctx.stall,
                                                 settle: .microseconds(200 + Int(rng.next() % 1000))) { w in ch.send(w) }
                    // Receive what was buffered and what the parked senders bring.
                    let drain = WorkerGroup.threads(WorkerBoard(names: ["receiver"])) { _ in
                        for _ in 0..<(n + k) { _ = ch.receive() }
                    }
                    let outcome = group.wait(stall: ctx.stall)
                    if case .hung(let dump) = outcome {
                        ch.close()
                        t.fail("round \(round): filled \(n), \(k) senders parked, \(n + k) receives made, a sender never woke\n" + dump)
                        return t.result
                    }
                    if case .hung(let dump) = drain.wait(stall: ctx.stall) {
                        ch.close()
                        t.fail("round \(round): the receiver of \(n + k) messages stalled\n" + dump)
                        return t.result
                    }
                    t.note("round \(round): \(k) parked senders all completed")
                }
            }
            ch.close()
            return t.result
        }
    )
    /// Senders park only on a hard bound that nothing drops from.
    static func parkedSenders(_ d: ChannelDescriptor) -> Bool { d.multiProducer && !d.lossy && d.watermark == nil }

    static func capacities(_ d: ChannelDescriptor) -> [ChannelCapacity] {
        if d.multiConsumer { return d.verifyCapacities }
        return parkedSenders(d) ? d.verifyCapacities.filter { $0.limit != nil } : []
    }
}
