import Synchronization
import Channels
import BenchSupport

/// Closing never loses buffered messages: receivers drain them in order, then see the end.
/// Sequentially for buffered capacities, and against a concurrently receiving consumer for
/// every capacity.
package enum CloseDrainsCheck {
    static let check = VerifyCheck.perCapacity(
        name: "close-drains",
        summary: "close keeps buffered messages: receivers drain them in order, then get nil",
        iterate: { ctx, cap, t in
            let d = ctx.descriptor
            // A watermark channel completes one send fewer than its capacity before making a
            // lone producer wait (declared), so fill only what completes without a receiver.
            let fill = min(d.sendsCompletingWithoutReceiver(cap) ?? 8, 8)
            if cap != .bounded(0) && fill > 0 {
                let k = fill
                let ch = ChannelUnderTest<Int>(d, capacity: cap)
                for i in 0..<k {
                    let s = ch.send(i)
                    if !t.expect(s == .sent, "send(\(i)) -> \(s)", "send into free capacity must succeed") { return t.result }
                }
                ch.close()
                t.note("close()")
                for i in 0..<k {
                    let v = ch.receive()
                    if !t.expect(v == i, "receive() -> \(v.map(String.init) ?? "nil")", "expected buffered message \(i) after close") { return t.result }
                }
                let end = ch.receive()
                t.expect(end == nil, "receive() -> \(end.map(String.init) ?? "nil")", "expected nil once closed and drained")
                let c = ch.count
                t.expect(c == 0, "count -> \(c)", "a drained channel must report count 0")
                if ch.hasTryOperations {
                    let r = ch.tryReceive()
                    t.expect(r == .closed, "tryReceive() -> \(describe(r))", "expected closed once drained")
                }
                t.expect(ch.isClosed, "isClosed -> \(ch.isClosed)", "expected true after close")
                if t.failed { return t.result }
            }

            // Concurrent: a consumer receives while a producer sends then closes at once (both
            // watched workers, so a stall is reported with a dump within the watchdog time).
            let ch = ChannelUnderTest<Int>(d, capacity: cap)
            let k = ctx.quick ? 200 : 2000
            let board = WorkerBoard(names: ["consumer", "producer"])
            let logs = ConsumerLogs(count: 1)
            let group = WorkerGroup.threads(board) { w in
                var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "drain", w))
                if w == 1 {
                    for i in 0..<k {
                        perturb.step()
                        board[1].begin(.send, i)
                        _ = ch.send(i)
                        board[1].end()
                    }
                    board[1].begin(.close)
                    ch.close()
                    board[1].end()
                    return
                }
                var got: [Int] = []
                while true {
                    perturb.step()
                    board[0].begin(.receive)
                    let v = ch.receive()
                    board[0].end()
                    guard let v else { break }
                    got.append(v)
                }
                logs.store(0, got)
            }
            if case .hung(let dump) = group.wait(stall: ctx.stall) {
                t.fail("stalled while sending \(k) and closing\n" + dump)
                return t.result
            }
            let got = logs.all[0]
            if d.lossy {
                // A dropping buffer (declared `lossy`) keeps a subsequence: what arrives must
                // be strictly increasing (order kept, no duplicates), nothing invented, and,
                // where drops are declared counted, every send accounted for.
                if let bad = got.indices.first(where: { got[$0] < 0 || got[$0] >= k || ($0 > 0 && got[$0] <= got[$0 - 1]) }) {
                    let lo = max(0, bad - 4)
                    t.fail("lossy: concurrent send ×\(k) then close: received \(got[bad]) at position \(bad) is out of order, duplicated or never sent (received \(got[lo...bad].map(String.init).joined(separator: " ")))")
                    return t.result
                }
                if let dropped = ch.declaredDrops {
                    t.expect(got.count + dropped == k, "lossy: concurrent send ×\(k) then close: received \(got.count) in order, dropped \(dropped)",
                             "received + dropped must equal the \(k) sends that returned normally")
                } else {
                    t.note("lossy: concurrent send ×\(k) then close: received \(got.count) in order (no drop count declared)")
                }
                return t.result
            }
            if got != Array(0..<k) {
                let firstBad = zip(got, 0..<k).first { $0 != $1 }.map { "first difference: got \($0.0), expected \($0.1)" } ?? "received \(got.count) of \(k)"
                t.fail("concurrent send ×\(k) then close: consumer did not receive 0..<\(k) in order (\(firstBad))")
            } else {
                t.note("concurrent send ×\(k) then close: consumer received all in order")
            }
            return t.result
        }
    )
}

/// After close, every send fails (throws `ChannelClosedError`, try/timeout report closed),
/// receivers see the end, and close is idempotent.
package enum SendAfterCloseCheck {
    static let check = VerifyCheck.perCapacity(
        name: "send-after-close",
        summary: "after close: send throws ChannelClosedError, trySend/timeout say closed; close is idempotent",
        iterate: { ctx, cap, t in
            let ch = ChannelUnderTest<Int>(ctx.descriptor, capacity: cap)
            ch.close()
            t.note("close()")
            let s = ch.send(1)
            t.expect(s == .closed, "send(1) -> \(s)", "send after close must throw ChannelClosedError")
            if ch.hasTryOperations {
                let a = ch.trySend(2)
                t.expect(a == .closed, "trySend(2) -> \(describe(a))", "expected closed")
                let b = ch.send(3, timeout: .seconds(1))
                t.expect(b == .closed, "send(3, timeout: 1s) -> \(describe(b))", "expected closed")
            }
            ch.close()
            t.note("close() again")
            t.expect(ch.isClosed, "isClosed -> \(ch.isClosed)", "expected true")
            let v = ch.receive()
            t.expect(v == nil, "receive() -> \(v.map(String.init) ?? "nil")", "a closed empty channel ends")
            return t.result
        }
    )
}

/// close() wakes *every* blocked receiver (they get nil) and every blocked sender (they fail),
/// not just one: the watchdog turns a waiter left asleep into a failure with a dump.
package enum CloseWakesAllCheck {
    static let check = VerifyCheck.perCapacity(
        name: "close-wakes-all",
        summary: "close wakes every blocked receiver and every blocked sender",
        iterate: { ctx, cap, t in
            let d = ctx.descriptor
            let settle: Duration = .milliseconds(ctx.quick ? 20 : 50)

            // Receivers parked on an empty channel.
            let k = d.multiConsumer ? 4 : 1
            let ch = ChannelUnderTest<Int>(d, capacity: cap)
            let board = WorkerBoard(names: (0..<k).map { "receiver \($0)" })
            let results = ConsumerLogs(count: k)
            let group = WorkerGroup.threads(board) { w in
                board[w].begin(.receive)
                let v = ch.receive()
                board[w].end()
                results.store(w, v.map { [$0] } ?? [])
            }
            _ = waitUntil(ctx.stall) { board.allWaiting(in: .receive, workers: 0..<k) }
            pause(settle)
            t.expect(board.progress == 0, "\(k) receivers blocked on an empty channel for \(settle)", "a receive returned on an empty open channel")
            ch.close()
            t.note("close()")
            if case .hung(let dump) = group.wait(stall: ctx.stall) {
                t.fail("close left receivers blocked\n" + dump)
                return t.result
            }
            t.expect(results.all.allSatisfy(\.isEmpty), "every receiver returned nil", "a receiver got a value nobody sent")
            if t.failed || cap.limit == nil || d.lossy { return t.result }

            // Senders parked on a full channel (at capacity 0: with no receiver).
            // Fill what completes without a receiver: `n`, or `n - 1` for a declared watermark
            // (whose next send is buffered and then waits, like the blocked senders below).
            let n = d.sendsCompletingWithoutReceiver(cap)!
            let ks = d.multiProducer ? 4 : 1
            let ch2 = ChannelUnderTest<Int>(d, capacity: cap)
            for i in 0..<n { _ = ch2.send(i) }
            let board2 = WorkerBoard(names: (0..<ks).map { "sender \($0)" })
            let outcomes = ConsumerLogs(count: ks)
            let group2 = WorkerGroup.threads(board2) { w in
                board2[w].begin(.send, 100 + w)
                let s = ch2.send(100 + w)
                board2[w].end()
                outcomes.store(w, [s == .closed ? 1 : (s == .sent ? 0 : 2)])  // 2: threw something else
            }
            _ = waitUntil(ctx.stall) { board2.allWaiting(in: .send, workers: 0..<ks) }
            pause(settle)
            t.expect(board2.progress == 0, "filled \(n); \(ks) senders blocked for \(settle)", "a send completed on a full channel")
            ch2.close()
            t.note("close()")
            if case .hung(let dump) = group2.wait(stall: ctx.stall) {
                t.fail("close left senders blocked\n" + dump)
                return t.result
            }
            let failedWithClosed = outcomes.all.map { $0 == [1] }
            t.expect(!outcomes.all.contains([2]), "blocked sends ended: \(outcomes.all.map { $0 == [2] ? "other error" : $0 == [1] ? "closed" : "returned" })",
                     "a blocked send threw something other than ChannelClosedError")
            var drained: [Int] = []
            while let v = ch2.receive() { drained.append(v) }
            if d.watermark != nil {
                // Declared watermark: a blocked send's element is already buffered, so close
                // may end its wait normally. It must then be delivered; one that failed must not.
                let returned = Set((0..<ks).filter { !failedWithClosed[$0] }.map { 100 + $0 })
                t.note("every blocked send woke; returned normally (element accepted before the wait): \(returned.sorted())")
                t.expect(Array(drained.prefix(n)) == Array(0..<n) && Set(drained.dropFirst(n)) == returned && drained.count == n + returned.count,
                         "drain -> \(drained)", "expected the \(n) buffered messages plus exactly the blocked sends that returned normally")
            } else if d.sendPendingAtClose == .mayReturnUndelivered {
                // Declared: the woken send may return normally, but it must have woken (the
                // watchdog above) and must not deliver.
                t.note("every blocked send woke; failed with closed: \(failedWithClosed) (a normal return is declared possible)")
                t.expect(drained == Array(0..<n), "drain -> \(drained)", "expected the \(n) buffered messages, none of the sends pending at close")
            } else {
                t.expect(failedWithClosed.allSatisfy { $0 }, "every blocked send failed with closed: \(failedWithClosed)", "a blocked send did not fail after close")
                t.expect(drained == Array(0..<n), "drain -> \(drained)", "expected the \(n) buffered messages, none of the failed sends")
            }
            return t.result
        }
    )
}
