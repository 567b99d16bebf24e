import Synchronization
import Channels
import BenchSupport

/// close() raced on purpose against senders and receivers that are blocked or mid-operation:
/// producers send until a send fails, consumers receive until the end, and the runner closes
/// at a random moment — in half the iterations while the consumers hold off (so senders are
/// parked on a full channel), in the other half while the producers hold off (so receivers are
/// parked on an empty one). Every send that returned normally is received exactly once (unless
/// the descriptor declares such a send may go undelivered at close), a failed send never is,
/// per-producer order holds, and everybody ends.
package enum CloseRaceCheck {
    static let check = VerifyCheck.perCapacity(
        name: "close-race",
        summary: "close raced against parked and running senders and receivers: sent = received, failed never received",
        rounds: 2,
        iterate: { ctx, cap, t in
            let d = ctx.descriptor
            let parkSenders = (ctx.variant / d.verifyCapacities.count) % 2 == 0
            t.note("close while " + (parkSenders ? "senders are parked" : "receivers are parked"))
            let ch = ChannelUnderTest<Int>(d, capacity: cap)
            let p = d.multiProducer ? 3 : 1
            let c = d.multiConsumer ? 3 : 1
            let board = WorkerBoard(names: (0..<p).map { "producer \($0)" } + (0..<c).map { "consumer \($0)" })
            let sent = ConsumerLogs(count: p)
            let received = ConsumerLogs(count: c)
            // Who holds off until the close: the consumers (senders park) or the producers
            // after a first few messages (receivers park).
            let holdOff = Atomic<Bool>(true)
            let group = WorkerGroup.threads(board) { w in
                var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "close race", w))
                if w < p {
                    var ok: [Int] = []
                    var i = 0
                    while true {
                        perturb.step()
                        if !parkSenders && i >= 4 { while holdOff.load(ordering: .acquiring) { pause(.microseconds(100)) } }
                        let code = MessageCode.make(producer: w, sequence: i)
                        board[w].begin(.send, code)
                        let s = ch.send(code)
                        board[w].end()
                        if s != .sent { break }
                        ok.append(code)
                        i += 1
                    }
                    sent.store(w, ok)
                    return
                }
                if parkSenders { while holdOff.load(ordering: .acquiring) { pause(.microseconds(100)) } }
                var got: [Int] = []
                while true {
                    perturb.step()
                    board[w].begin(.receive)
                    let v = ch.receive()
                    board[w].end()
                    guard let v else { break }
                    got.append(v)
                }
                received.store(w - p, got)
            }
            var rng = ctx.rng("close moment")
            // Let the side that runs fill or drain and park, then release the other side and
            // close a random moment later, into the middle of the traffic.
            let parkedSide = parkSenders ? 0..<p : p..<(p + c)
            _ = waitUntil(.milliseconds(200)) { board.allWaiting(in: parkSenders ? .send : .receive, workers: parkedSide) }
            if rng.next() % 2 == 0 { holdOff.store(false, ordering: .releasing) }
            pause(.microseconds(Int(rng.next() % 2000)))
            ch.close()
            holdOff.store(false, ordering: .releasing)
            t.note("close()")
            if case .hung(let dump) = group.wait(stall: ctx.stall) {
                t.fail("a sender or receiver never ended after close\n" + dump)
                return t.result
            }
            let ok = Set(sent.all.joined())
            t.note("\(ok.count) sends returned normally, \(received.all.joined().count) received")
            // Declared: a send pending at close may return normally and still go undelivered.
            let lossless = !d.lossy && d.sendPendingAtClose != .mayReturnUndelivered
            if let f = DeliveryLedger.check(received.all, sent: ok, producers: p, lossless: lossless) { t.fail(f) }
            return t.result
        }
    )
}
