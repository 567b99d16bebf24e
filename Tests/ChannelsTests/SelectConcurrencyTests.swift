import Channels
import Foundation
import Synchronization
import Testing

/// Many threads selecting at once: exactly one operation per select, nothing lost or
/// duplicated, per-producer FIFO per channel. Assertions are on counts and orders only.
@Suite struct SelectConcurrencyTests {
    /// Threads select over a receive from and a send to every channel (so some operation is
    /// always ready, or soon); each select's handlers run exactly once in all, and the elements
    /// buffered at the end equal those at the start plus the sends minus the receives.
    @Test(arguments: SelectFlavors.cases)
    func exactlyOneOperationPerSelect(_ c: BlockingCase) async {
        let channels = c.makeSelectable(3, of: Int.self)
        for channel in channels { _ = channel.trySend(0) }
        let before = bufferedCount(channels)
        let threadCount = 4
        let selectsPerThread = TestScale.messages(4_000)
        let sends = Counter(), receives = Counter(), badSelects = Counter(), progress = Counter()
        let threads = TestThreads()
        threads.spawn(threadCount) { t in
            var handlerRuns = 0
            var select = Select<Bool>()
            for channel in channels {
                select.receive(from: channel) { _ in handlerRuns += 1; return false }
            }
            for channel in channels {
                select.send(t, to: channel) { _ in handlerRuns += 1; return true }
            }
            for i in 0..<selectsPerThread {
                let runsBefore = handlerRuns
                // Alternate the blocking and the timed form; a timed-out select performs
                // nothing, so it must leave the handler count alone.
                let sent: Bool? = i % 2 == 0 ? select.wait() : select.wait(timeout: .milliseconds(50))
                let expectedRuns = sent == nil ? 0 : 1
                if handlerRuns - runsBefore != expectedRuns { badSelects.increment() }
                switch sent {
                case true?: sends.increment()
                case false?: receives.increment()
                case nil: break
                }
                if i & 255 == 0 { progress.increment() }
            }
        }
        await threads.join(progress: { progress.current }, rescue: { channels.forEach { $0.close() } })
        #expect(badSelects.current == 0)
        #expect(bufferedCount(channels) == before + sends.current - receives.current)
    }

    /// A plainly blocked receiver and a select share a channel: the select, registered on
    /// both channels, is often already chosen by the other one when a message arrives here,
    /// and then that message must wake the plain receiver (a channel may skip the wake only
    /// when nobody but chosen selects waits). Lock-step rounds (one message per channel, the
    /// next round only once both were received) turn any lost wake-up into a stall the
    /// watchdog reports. Every message is received exactly once.
    @Test(arguments: SelectFlavors.cases)
    func plainReceiverBesideSelectIsWoken(_ c: BlockingCase) async {
        let channels = c.makeSelectable(2, of: Int.self)
        let rounds = TestScale.messages(2_000)
        let delivered = Counter()
        let log = ThreadLog<Int>(threads: 2)
        let threads = TestThreads()
        threads.spawn {
            for round in 0..<rounds {
                for (i, channel) in channels.enumerated() { try? channel.send(2 * round + i) }
                while delivered.current < 2 * (round + 1) { sched_yield() }
            }
            channels.forEach { $0.close() }
        }
        threads.spawn {
            while let value = channels[0].receive() {
                log[0].append(value)
                delivered.increment()
            }
        }
        threads.spawn {
            var open = 2
            var select = receiveSelect(channels)
            while open > 0 {
                guard case .received(_, let value?) = select.wait() else {
                    open -= 1
                    continue
                }
                log[1].append(value)
                delivered.increment()
            }
        }
        await threads.join(progress: { delivered.current }, rescue: { channels.forEach { $0.close() } })
        var seen = [Int](repeating: 0, count: 2 * rounds)
        for values in log.entries {
            for value in values where value >= 0 && value < 2 * rounds { seen[value] += 1 }
        }
        #expect(seen.allSatisfy { $0 == 1 }, "lost \(seen.count { $0 == 0 }), duplicated \(seen.count { $0 > 1 })")
    }

    struct Shape: Sendable, CustomTestStringConvertible {
        let flavor: BlockingCase
        let producers: Int, consumers: Int, channels: Int
        var testDescription: String { "\(flavor.testDescription) \(producers)x\(consumers) over \(channels)" }
    }

    static var shapes: [Shape] {
        SelectFlavors.cases.flatMap { flavor in
            [Shape(flavor: flavor, producers: 3, consumers: 3, channels: 3),
             Shape(flavor: flavor, producers: 4, consumers: 2, channels: 2)]
        }
    }

    /// Producers select-send each message to whichever channel has room; consumers
    /// select-receive from all channels until every one is closed and drained. Every message
    /// arrives exactly once, and from one producer through one channel in the order sent.
    @Test(arguments: shapes)
    func mpmcSelectStressDeliversExactlyOnceInOrder(_ shape: Shape) async {
        let channels = shape.flavor.makeSelectable(shape.channels, of: Int.self)
        let perProducer = TestScale.messages(5_000)
        let total = shape.producers * perProducer
        let producersDone = Counter(), delivered = Counter()
        let reordered = Counter()
        let log = ThreadLog<Int>(threads: shape.consumers)
        let threads = TestThreads()
        threads.spawn(shape.producers) { p in
            for i in 0..<perProducer {
                var select = Select<Void>()
                for channel in channels { select.send(p * perProducer + i, to: channel) { _ in } }
                select.wait()
            }
            producersDone.increment()
            if producersDone.current == shape.producers { channels.forEach { $0.close() } }
        }
        threads.spawn(shape.consumers) { me in
            var open = Array(channels.indices)
            // Last sequence number seen per (producer, channel).
            var last = [Int](repeating: -1, count: shape.producers * shape.channels)
            while !open.isEmpty {
                var select = Select<(Int, Int?)>()
                for index in open {
                    select.receive(from: channels[index]) { (index, $0) }
                }
                let (index, value) = select.wait()
                guard let value else {
                    open.removeAll { $0 == index }
                    continue
                }
                let key = (value / perProducer) * shape.channels + index
                if value <= last[key] { reordered.increment() }
                last[key] = value
                log[me].append(value)
                delivered.increment()
            }
        }
        await threads.join(progress: { delivered.current }, rescue: { channels.forEach { $0.close() } })
        var seen = [Int](repeating: 0, count: total)
        for values in log.entries {
            for value in values where value >= 0 && value < total { seen[value] += 1 }
        }
        #expect(seen.allSatisfy { $0 == 1 }, "lost \(seen.count { $0 == 0 }), duplicated \(seen.count { $0 > 1 })")
        #expect(reordered.current == 0)
        #expect(bufferedCount(channels) == 0)
    }
}
