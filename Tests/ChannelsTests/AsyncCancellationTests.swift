import Testing
import Synchronization
import Channels

/// Cancelling a task that waits in `send` or `receive` loses nothing, duplicates nothing and
/// stalls nobody, on every implementation the registry marks `cancellable`.
@Suite struct AsyncCancellationTests {
    /// A cancelled waiting receive returns `nil` and leaves the next element to others.
    @Test(arguments: AsyncCases.cancellable)
    func cancelledReceiveTakesNothing(_ c: AsyncCase) async {
        await withWatchdog("cancel receive \(c.testDescription)") {
            let channel = c.make(Int.self)
            let cancelled = Task { await channel.receive() }
            await letOthersRun()
            cancelled.cancel()
            #expect(await cancelled.value == nil)
            let other = Task { await channel.receive() }
            try? await channel.send(7)
            #expect(await other.value == 7, "the element went to the cancelled receiver")
        }
    }

    /// A cancelled waiting send throws `CancellationError` and its element is never delivered.
    @Test(arguments: AsyncCases.cancellable.filter { $0.capacity != .unbounded })
    func cancelledSendDeliversNothing(_ c: AsyncCase) async {
        await withWatchdog("cancel send \(c.testDescription)") {
            let channel = c.make(Int.self)
            let limit = c.limit!
            for i in 0..<limit { try? await channel.send(i) }
            let sender = Task { try await channel.send(99) }
            await letOthersRun()
            sender.cancel()
            await #expect(throws: CancellationError.self) { try await sender.value }
            channel.close()
            #expect(await drain(channel) == Array(0..<limit), "cancelled send delivered, or buffer lost")
        }
    }

    /// A task cancelled before it waits does not wait at all.
    @Test(arguments: AsyncCases.cancellable.filter { $0.capacity != .unbounded })
    func alreadyCancelledTaskDoesNotWait(_ c: AsyncCase) async {
        await withWatchdog("pre-cancelled \(c.testDescription)") {
            let channel = c.make(Int.self)
            for i in 0..<c.limit! { try? await channel.send(i) }
            let sender = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await channel.send(99)
            }
            await #expect(throws: CancellationError.self) { try await sender.value }
            let empty = c.make(Int.self)
            let receiver = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return await empty.receive()
            }
            #expect(await receiver.value == nil)
        }
    }

    /// Cancellation that arrives after a receiver was handed an element does not undo the
    /// hand-over: the receive returns the element.
    @Test(arguments: AsyncCases.cancellable.filter { $0.descriptor.supportsTryAndTimeout })
    func handOverBeatsLateCancelOfReceive(_ c: AsyncCase) async {
        await withWatchdog("late cancel receive \(c.testDescription)") {
            let channel = c.makeTimed(Int.self)
            let receiver = Task { await channel.receive() }
            while channel.trySend(5) != .sent { await Task.yield() } // handed to the waiter
            receiver.cancel()
            #expect(await receiver.value == 5, "a handed-over element was lost to cancellation")
        }
    }

    /// Cancellation that arrives after a waiting sender's element was taken does not undo
    /// the send: it returns normally and the element is delivered once.
    @Test(arguments: AsyncCases.cancellable.filter { $0.descriptor.supportsTryAndTimeout && $0.capacity != .unbounded })
    func handOverBeatsLateCancelOfSend(_ c: AsyncCase) async {
        await withWatchdog("late cancel send \(c.testDescription)") {
            let channel = c.makeTimed(Int.self)
            let limit = c.limit!
            for i in 0..<limit { #expect(channel.trySend(i) == .sent) }
            let sender = Task { try await channel.send(limit) }
            await letOthersRun()
            // Takes the oldest element; the waiting sender's element moves in (or, at capacity
            // 0, is the one taken) and the sender is resumed as sent.
            var first: Int?
            while first == nil { first = channel.tryReceive().value; if first == nil { await Task.yield() } }
            sender.cancel()
            #expect(first == 0)
            #expect((try? await sender.value) != nil, "a delivered send reported cancellation")
            channel.close()
            let rest = await drain(channel)
            #expect([first!] + rest == Array(0...limit))
        }
    }

    /// Many rounds of producers and consumers with cancellations at random moments: every
    /// element whose send returned is received exactly once, no element whose send threw is
    /// received, each producer's order holds per consumer, and every task finishes.
    @Test(arguments: AsyncCases.cancellable)
    func randomCancellationLosesAndDuplicatesNothing(_ c: AsyncCase) async {
        await withWatchdog("cancel stress \(c.testDescription)", seconds: 600) {
            var rng = SystemRandomNumberGenerator()
            for round in 0..<150 {
                let failures = await Self.cancellationRound(c, seed: rng.next())
                if !failures.isEmpty {
                    Issue.record("round \(round): \(failures.joined(separator: "; "))")
                    return
                }
            }
        }
    }

    /// Cancels `task` after a random pause: some yields, or a short sleep.
    private static func cancelLater<T>(_ task: Task<T, Never>, _ rng: inout SplitMix) -> Task<Void, Never> {
        let yields = Int(rng.next() % 40), sleepNs = rng.next() % 300_000, sleeps = rng.next() % 2 == 0
        return Task {
            if sleeps { try? await Task.sleep(nanoseconds: sleepNs) } else { for _ in 0..<yields { await Task.yield() } }
            task.cancel()
        }
    }

    /// One round; returns what went wrong (empty if nothing).
    private static func cancellationRound(_ c: AsyncCase, seed: UInt64) async -> [String] {
        var rng = SplitMix(seed: seed)
        let channel = c.make(Int.self)
        let producers = 3, perProducer = 40
        let sent = Collector<Int>(), refused = Collector<Int>(), received = Collector<[Int]>()
        let unexpected = Collector<String>()
        var cancellers: [Task<Void, Never>] = []
        let producerTasks = (0..<producers).map { p in
            Task {
                for i in 0..<perProducer {
                    let v = p * perProducer + i
                    do {
                        try await channel.send(v)
                        sent.append(v)
                    } catch is CancellationError {
                        refused.append(v)
                        return
                    } catch {
                        unexpected.append("send of \(v) failed: \(error)")
                        return
                    }
                }
            }
        }
        // Two consumers that may be cancelled, and one that never is, so producers always
        // make progress.
        let consumerTasks = (0..<3).map { _ in Task { received.append(await drain(channel)) } }
        for (i, t) in producerTasks.enumerated() where rng.next() % 2 == 0 || i == 0 {
            cancellers.append(cancelLater(t, &rng))
        }
        for t in consumerTasks.prefix(2) where rng.next() % 2 == 0 {
            cancellers.append(cancelLater(t, &rng))
        }
        for t in producerTasks { await t.value }
        channel.close()
        for t in consumerTasks { await t.value }
        for t in cancellers { await t.value }
        received.append(await drain(channel))

        var failures = unexpected.all
        let all = received.all.flatMap { $0 }
        if Set(all).count != all.count { failures.append("duplicates delivered") }
        if Set(all) != Set(sent.all) {
            failures.append("received \(all.count) != sent \(sent.all.count) (lost \(Set(sent.all).subtracting(all).sorted()), extra \(Set(all).subtracting(sent.all).sorted()))")
        }
        if !Set(refused.all).isDisjoint(with: all) { failures.append("a cancelled send was delivered") }
        for batch in received.all {
            var last = [Int](repeating: -1, count: producers)
            for v in batch {
                if v <= last[v / perProducer] { failures.append("producer order broken"); break }
                last[v / perProducer] = v
            }
        }
        return failures
    }

    /// Timed operations racing with each other: a timed-out waiter leaves atomically, so
    /// every send that reported `.sent` is received exactly once and no timed-out one is.
    @Test(arguments: AsyncCases.timed)
    func timeoutsLoseAndDuplicateNothing(_ c: AsyncCase) async {
        await withWatchdog("timeout stress \(c.testDescription)", seconds: 600) {
            for round in 0..<40 {
                let channel = c.makeTimed(Int.self)
                let sent = Collector<Int>(), timedOut = Collector<Int>(), received = Collector<[Int]>()
                let producers = (0..<3).map { p in
                    Task {
                        var rng = SplitMix(seed: UInt64(round * 10 + p))
                        for i in 0..<60 {
                            let v = p * 60 + i
                            switch await channel.send(v, timeout: .microseconds(Int(rng.next() % 400))) {
                            case .sent: sent.append(v)
                            case .timedOut: timedOut.append(v)
                            case .closed: Issue.record("send of \(v) saw a closed channel")
                            }
                        }
                    }
                }
                let consumers = (0..<2).map { k in
                    Task {
                        var rng = SplitMix(seed: UInt64(round * 10 + 5 + k))
                        var got: [Int] = []
                        while true {
                            switch await channel.receive(timeout: .microseconds(Int(rng.next() % 400))) {
                            case .value(let v): got.append(v)
                            case .timedOut: continue
                            case .closed: received.append(got); return
                            }
                        }
                    }
                }
                for t in producers { await t.value }
                channel.close()
                for t in consumers { await t.value }
                let all = received.all.flatMap { $0 }
                #expect(Set(all).count == all.count, "round \(round): duplicates")
                #expect(Set(all) == Set(sent.all), "round \(round): received differs from sent")
                #expect(Set(timedOut.all).isDisjoint(with: all), "round \(round): a timed-out send was delivered")
            }
        }
    }
}
