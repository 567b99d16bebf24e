import Channels
import Testing

/// FIFO and exactly-once delivery, on every blocking implementation and capacity.
@Suite struct BlockingOrderingTests {
    @Test("one producer: messages arrive in the order sent", arguments: BlockingFlavors.cases())
    func fifoForOneProducer(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let n = TestScale.messages(c.capacity.isRendezvous ? 20_000 : 100_000)
        let outOfOrder = Counter(), received = Counter()
        let threads = TestThreads()
        threads.spawn {
            for i in 0..<n { try? channel.send(i) }
            channel.close()
        }
        threads.spawn {
            var expected = 0
            while let value = channel.receive() {
                if value != expected { outOfOrder.increment() }
                expected = value + 1
                received.increment()
            }
        }
        await threads.join(progress: { received.current }, rescue: channel.close)
        #expect(received.current == n)
        #expect(outOfOrder.current == 0)
    }

    /// 4 producers x 4 consumers: every message is received exactly once, and each consumer
    /// sees each producer's messages in increasing order (per-producer FIFO).
    @Test("4x4: every message exactly once", arguments: BlockingFlavors.cases(where: { $0.multiProducer && $0.multiConsumer && !$0.lossy }))
    func exactlyOnceFourByFour(_ c: BlockingCase) async {
        // A rendezvous exchange costs two context switches on two cores; keep it affordable.
        let perProducer = TestScale.messages(c.capacity.isRendezvous ? 10_000 : 100_000)
        let result = await runExactlyOnce(c, producers: 4, consumers: 4, perProducer: perProducer)
        #expect(result.missing == 0)
        #expect(result.duplicated == 0)
        #expect(result.reordered == 0)
        #expect(result.received == 4 * perProducer)
    }

    /// More threads than cores by 16x: waiting must park, never spin endlessly.
    @Test("16x16 oversubscription finishes", arguments: BlockingFlavors.cases(
        capacities: [.bounded(0), .bounded(4), .unbounded],
        where: { $0.multiProducer && $0.multiConsumer && !$0.lossy }))
    func oversubscription(_ c: BlockingCase) async {
        let perProducer = TestScale.messages(c.capacity.isRendezvous ? 1_000 : 10_000)
        let result = await runExactlyOnce(c, producers: 16, consumers: 16, perProducer: perProducer)
        #expect(result.missing == 0)
        #expect(result.duplicated == 0)
        #expect(result.received == 16 * perProducer)
    }
}

struct DeliveryReport {
    var received = 0
    var missing = 0
    var duplicated = 0
    var reordered = 0
}

/// Producer `p` sends `p * perProducer + i`; consumers record what they get; then every value
/// is checked to have been seen exactly once. The channel is closed when all producers finish.
func runExactlyOnce(_ c: BlockingCase, producers: Int, consumers: Int, perProducer: Int) async -> DeliveryReport {
    let channel = c.make(Int.self)
    let total = producers * perProducer
    let collected = NSLockedValue<[[Int]]>([])
    let producersLeft = Counter()
    let reordered = Counter()
    // Bumped every 1024 receives: the watchdog's progress probe, cheap enough for the hot loop.
    let progress = Counter()
    let threads = TestThreads()
    threads.spawn(consumers) { _ in
        var mine: [Int] = []
        mine.reserveCapacity(total / consumers + 16)
        var lastFromProducer = [Int](repeating: -1, count: producers)
        while let value = channel.receive() {
            let p = value / perProducer
            if value <= lastFromProducer[p] { reordered.increment() }
            lastFromProducer[p] = value
            mine.append(value)
            if mine.count & 1023 == 0 { progress.increment() }
        }
        collected.update { $0.append(mine) }
    }
    threads.spawn(producers) { p in
        for i in 0..<perProducer {
            do { try channel.send(p * perProducer + i) } catch { return }
        }
        producersLeft.increment()
        if producersLeft.current == producers { channel.close() }
    }
    await threads.join(progress: { progress.current }, rescue: channel.close)

    var seen = [UInt8](repeating: 0, count: total)
    var report = DeliveryReport()
    for batch in collected.get() {
        for value in batch {
            report.received += 1
            if value < 0 || value >= total { report.duplicated += 1; continue }
            if seen[value] == 1 { report.duplicated += 1 } else { seen[value] = 1 }
        }
    }
    report.missing = seen.lazy.filter { $0 == 0 }.count
    report.reordered = reordered.current
    return report
}
