import Testing
@testable import Channels

/// `AsyncSelect` under concurrency: every select that returns performed exactly one
/// operation, and a cancelled one performed none, whoever it met (plain senders and receivers,
/// other selects) and at every capacity, rendezvous included. Counted by elements: what was
/// reported delivered is exactly what was received, nothing twice.
@Suite struct AsyncSelectConcurrencyTests {
    static let capacities: [ChannelCapacity] = [.bounded(0), .bounded(1), .bounded(16)]

    /// Producers select over sends to every channel, consumers over receives from every channel
    /// (crossbeam's `select_both`): each value reported sent is received once, none is invented.
    @Test(arguments: capacities)
    func selectsOnBothSidesDeliverExactlyOnce(_ capacity: ChannelCapacity) async {
        await withWatchdog("select both sides \(capacity)") {
            let perProducer = TestScale.messages(2_000)
            let channels = (0..<3).map { _ in ActorChannel<Int>(capacity: capacity) }
            let received = Collector<Int>()
            let consumers = (0..<2).map { _ in
                Task {
                    var open = Set(channels.indices)
                    var mine: [Int] = []
                    while !open.isEmpty {
                        var select = AsyncSelect<Picked>()
                        for i in open.sorted() {
                            select.receive(from: channels[i]) { .received(channel: i, element: $0) }
                        }
                        switch await select.outcome() {
                        case .picked(.received(_, let element?)): mine.append(element)
                        case .picked(.received(let channel, nil)): open.remove(channel)
                        case let other: Issue.record("consumer select ended as \(other)"); return
                        }
                    }
                    received.append(contentsOf: mine)
                }
            }
            let producers = (0..<3).map { p in
                Task {
                    var sent = 0
                    for i in 0..<perProducer {
                        var select = AsyncSelect<Picked>()
                        select.send(p * 1_000_000 + i, toEach: channels)
                        if case .picked(.sent) = await select.outcome() { sent += 1 }
                    }
                    return sent
                }
            }
            var sent = 0
            for producer in producers { sent += await producer.value }
            for channel in channels { channel.close() }
            for consumer in consumers { await consumer.value }
            #expect(sent == 3 * perProducer)
            let expected = (0..<3).flatMap { p in (0..<perProducer).map { p * 1_000_000 + $0 } }
            #expect(received.all.sorted() == expected.sorted())
        }
    }

    /// Rendezvous in every pairing: a select's receive taking from plain senders, and a
    /// select's send handing to plain receivers. Every element arrives once.
    @Test func selectsMeetPlainOperationsAtRendezvous() async {
        await withWatchdog("select meets plain at rendezvous") {
            let count = TestScale.messages(2_000)
            let toSelect = ActorChannel<Int>(capacity: .bounded(0))
            let fromSelect = ActorChannel<Int>(capacity: .bounded(0))
            let idle = ActorChannel<Int>(capacity: .bounded(0)) // never ready: the select waits on it too
            let plainSender = Task { for i in 0..<count { try? await toSelect.send(i) } }
            let plainReceiver = Task {
                var got: [Int] = []
                for _ in 0..<count { if let e = await fromSelect.receive() { got.append(e) } }
                return got
            }
            var taken: [Int] = []
            var sentCount = 0
            for i in 0..<(2 * count) {
                var select = AsyncSelect<Picked>()
                if taken.count < count { select.receive(fromEach: [toSelect, idle]) }
                if sentCount < count { select.send(i, toEach: [fromSelect, idle]) }
                switch await select.outcome() {
                case .picked(.received(0, let element?)): taken.append(element)
                case .picked(.sent(0)): sentCount += 1
                case let other: Issue.record("select ended as \(other)")
                }
            }
            await plainSender.value
            #expect(taken == Array(0..<count))
            #expect(await plainReceiver.value.count == count)
            #expect(sentCount == count)
            #expect(noWaitersLeft([toSelect, fromSelect, idle]))
        }
    }

    /// Cancelled selects racing with sends take nothing: every element a sender delivered is
    /// received exactly once, by a select that returned it or by the final drain.
    @Test(arguments: [ChannelCapacity.bounded(0), .bounded(2)])
    func cancelledReceivingSelectsTakeNothing(_ capacity: ChannelCapacity) async {
        await withWatchdog("cancelled receiving selects \(capacity)") {
            let rounds = TestScale.messages(200)
            let channels = (0..<2).map { _ in ActorChannel<Int>(capacity: capacity) }
            var delivered: [Int] = []
            var received: [Int] = []
            var next = 0
            for round in 0..<rounds {
                let selects = (0..<6).map { _ in
                    Task {
                        var select = AsyncSelect<Picked>()
                        select.receive(fromEach: channels)
                        return await select.outcome()
                    }
                }
                let sender = Task { [next] in
                    var sent: [Int] = []
                    for k in 0..<4 {
                        let value = next + k
                        if await channels[k % 2].send(value, timeout: .microseconds(200)) == .sent { sent.append(value) }
                    }
                    return sent
                }
                for _ in 0..<(round % 5) { await Task.yield() }
                for select in selects { select.cancel() }
                delivered += await sender.value
                next += 4
                for select in selects {
                    switch await select.value {
                    case .picked(.received(_, let element?)): received.append(element)
                    case .cancelled: break
                    case let other: Issue.record("select ended as \(other)")
                    }
                }
            }
            for channel in channels { received += drainNow(channel) }
            #expect(received.sorted() == delivered.sorted())
            #expect(noWaitersLeft(channels))
        }
    }

    /// Cancelled selects racing with receives deliver nothing: every element a receiver got
    /// was reported sent by its select, and every select that reported sent was received.
    @Test(arguments: [ChannelCapacity.bounded(0), .bounded(2)])
    func cancelledSendingSelectsDeliverNothing(_ capacity: ChannelCapacity) async {
        await withWatchdog("cancelled sending selects \(capacity)") {
            let rounds = TestScale.messages(200)
            let channels = (0..<2).map { _ in ActorChannel<Int>(capacity: capacity) }
            var reportedSent: [Int] = []
            var received: [Int] = []
            for round in 0..<rounds {
                let selects = (0..<6).map { s in
                    Task {
                        let value = round * 100 + s
                        var select = AsyncSelect<Picked>()
                        select.send(value, toEach: channels)
                        return (value, await select.outcome())
                    }
                }
                let receiver = Task {
                    var got: [Int] = []
                    for k in 0..<4 {
                        if case .value(let e) = await channels[k % 2].receive(timeout: .microseconds(200)) { got.append(e) }
                    }
                    return got
                }
                for _ in 0..<(round % 5) { await Task.yield() }
                for select in selects { select.cancel() }
                received += await receiver.value
                for select in selects {
                    switch await select.value {
                    case (let value, .picked(.sent)): reportedSent.append(value)
                    case (_, .cancelled): break
                    case (_, let other): Issue.record("select ended as \(other)")
                    }
                }
                // What buffered sends left behind belongs to this round's accounting.
                for channel in channels { received += drainNow(channel) }
            }
            #expect(received.sorted() == reportedSent.sorted())
            #expect(noWaitersLeft(channels))
        }
    }

    /// Many selects that win on one channel, time out or are cancelled leave no waiter behind
    /// on any channel (the losers' waiters are removed, not left for later operations to drop).
    @Test func finishedSelectsLeaveNoWaiters() async {
        await withWatchdog("no stale select waiters") {
            let receiveSide = (0..<3).map { _ in ActorChannel<Int>(capacity: .bounded(0)) }
            let sendSide = (0..<2).map { _ in ActorChannel<Int>(capacity: .bounded(1)) }
            for channel in sendSide { #expect(channel.trySend(-1) == .sent) } // full: sends wait
            for round in 0..<TestScale.messages(300) {
                var select = AsyncSelect<Picked>()
                select.receive(fromEach: receiveSide)
                select.send(round, toEach: sendSide)
                switch round % 3 {
                case 0:
                    let which = (round / 3) % 3
                    let waiter = Task { [select] in await select.outcome() }
                    try? await receiveSide[which].send(round)
                    #expect(await waiter.value == .picked(.received(channel: which, element: round)))
                case 1:
                    #expect(await select.outcome(timeout: .microseconds(100)) == .timedOut)
                default:
                    let waiter = Task { [select] in await select.outcome() }
                    for _ in 0..<(round % 7) { await Task.yield() }
                    waiter.cancel()
                    #expect(await waiter.value == .cancelled)
                }
            }
            #expect(noWaitersLeft(receiveSide + sendSide))
            #expect(sendSide.map(drainNow) == [[-1], [-1]])
        }
    }
}
