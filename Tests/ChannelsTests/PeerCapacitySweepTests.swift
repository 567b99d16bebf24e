import Channels
import Testing

/// Bounded capacities 1, 2, 3, 4, 5, 8, 13 and 19 (Go's and crossbeam's suites sweep small and
/// odd sizes; the rest of this suite uses 1, 4 and 16). Small buffers keep every send at the
/// full edge, and sizes that are not powers of two make ring positions wrap unevenly.
@Suite struct PeerCapacitySweepTests {
    /// Laps around the buffer, taking a different number of messages each time, so the
    /// full/empty boundary is met at every offset of the buffer.
    static func laps(_ n: Int) -> Int { 2 * n + 3 }

    /// Fills with try operations until full, takes `lap % n + 1`, and so on; returns the first
    /// difference from a FIFO of exactly `n` slots, or `nil`.
    static func fillAndTakeAtEveryOffset(
        capacity n: Int,
        count: () -> Int,
        trySend: (Int) -> TrySendResult,
        tryReceive: () -> TryReceiveResult<Int>
    ) -> String? {
        var queue: [Int] = []
        var next = 0
        for lap in 0..<laps(n) {
            var accepted = 0
            while accepted <= n, trySend(next) == .sent {
                queue.append(next)
                next += 1
                accepted += 1
            }
            if queue.count != n { return "lap \(lap): \(queue.count) buffered after filling, capacity \(n)" }
            if count() != n { return "lap \(lap): count \(count()) when full, capacity \(n)" }
            let take = lap % n + 1
            for _ in 0..<take {
                let got = tryReceive()
                let want = queue.removeFirst()
                if got != .value(want) { return "lap \(lap): tryReceive -> \(got), expected \(want)" }
            }
            if count() != n - take { return "lap \(lap): count \(count()) after taking \(take) of \(n)" }
        }
        return nil
    }

    @Test("blocking: exactly n messages fit, at every offset, in FIFO order",
          arguments: BlockingFlavors.cases(capacities: PeerCapacities.sweep))
    func blockingFillsToCapacity(_ c: BlockingCase) {
        let channel = c.make(Int.self)
        let failure = Self.fillAndTakeAtEveryOffset(
            capacity: c.capacity.limit!, count: { channel.count },
            trySend: { channel.trySend($0) }, tryReceive: { channel.tryReceive() })
        #expect(failure == nil, "\(failure ?? "")")
    }

    @Test("blocking: 2 producers x 2 consumers deliver every message exactly once, per-producer FIFO",
          arguments: BlockingFlavors.cases(capacities: PeerCapacities.sweep, where: { $0.multiProducer && $0.multiConsumer && !$0.lossy }))
    func blockingExactlyOnce(_ c: BlockingCase) async {
        let perProducer = TestScale.messages(5_000)
        let result = await runExactlyOnce(c, producers: 2, consumers: 2, perProducer: perProducer)
        #expect(result.missing == 0)
        #expect(result.duplicated == 0)
        #expect(result.reordered == 0)
        #expect(result.received == 2 * perProducer)
    }

    @Test("async: exactly n elements fit, at every offset, in FIFO order",
          arguments: AsyncCases.cases(at: PeerCapacities.sweep, where: \.supportsTryAndTimeout))
    func asyncFillsToCapacity(_ c: AsyncCase) {
        let channel = c.makeTimed(Int.self)
        let failure = Self.fillAndTakeAtEveryOffset(
            capacity: c.limit!, count: { channel.count },
            trySend: { channel.trySend($0) }, tryReceive: { channel.tryReceive() })
        #expect(failure == nil, "\(failure ?? "")")
    }

    @Test("async: 2 producers deliver every element exactly once, per-producer FIFO",
          arguments: AsyncCases.cases(at: PeerCapacities.sweep, where: { !$0.lossy }))
    func asyncExactlyOnce(_ c: AsyncCase) async {
        await withWatchdog("exactly-once \(c.testDescription)", seconds: 600) {
            let channel = c.make(Int.self)
            let producers = 2, consumers = c.descriptor.multiConsumer ? 2 : 1
            let perProducer = TestScale.messages(4_000), total = producers * perProducer
            let results = Collector<[Int]>()
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<consumers {
                    group.addTask { results.append(await drain(channel)) }
                }
                await withTaskGroup(of: Void.self) { senders in
                    for p in 0..<producers {
                        senders.addTask {
                            for i in 0..<perProducer {
                                do { try await channel.send(p * perProducer + i) } catch { return }
                            }
                        }
                    }
                }
                channel.close()
            }
            var seen = [Bool](repeating: false, count: total)
            var duplicates = 0, reordered = 0, received = 0
            for batch in results.all {
                var last = [Int](repeating: -1, count: producers)
                for v in batch {
                    received += 1
                    if seen[v] { duplicates += 1 }
                    seen[v] = true
                    if v <= last[v / perProducer] { reordered += 1 }
                    last[v / perProducer] = v
                }
            }
            #expect(duplicates == 0)
            #expect(reordered == 0)
            #expect(received == total)
        }
    }

    /// The lossy channel's capacity is its buffer: with nobody receiving, the first n elements
    /// are kept and the rest dropped and counted (its declared policy keeps the oldest).
    @Test("async lossy: with nobody receiving, exactly the first n elements are kept",
          arguments: AsyncCases.cases(at: PeerCapacities.sweep, where: \.lossy))
    func lossyKeepsFirstN(_ c: AsyncCase) async {
        await withWatchdog("lossy fill \(c.testDescription)") {
            let channel = c.make(Int.self)
            let n = c.limit!, extra = 3
            for i in 0..<(n + extra) { try? await channel.send(i) }
            // Locals, not channel members, in #expect: see PeerHandleDropTests.
            let buffered = channel.count
            #expect(buffered == n)
            channel.close()
            #expect(await drain(channel) == Array(0..<n))
            if c.descriptor.delivery == .lossy(.counted) {
                let dropped = channel.droppedCount
                #expect(dropped == extra)
            }
        }
    }
}
