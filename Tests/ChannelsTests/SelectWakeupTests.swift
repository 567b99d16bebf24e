import Channels
import Testing

/// A select blocked on several channels is woken by whichever of them becomes ready. Each test
/// only waits for the outcome (a watchdog turns a lost wake-up into a failure); the pause
/// before acting merely makes it likely that the select is parked by then, and the outcome
/// must be the same whether it is or not.
@Suite struct SelectWakeupTests {
    static let channelCount = 3

    struct Case: Sendable, CustomTestStringConvertible {
        let flavor: BlockingCase
        let channel: Int
        var testDescription: String { "\(flavor.testDescription) channel \(channel)" }
    }

    static var cases: [Case] {
        SelectFlavors.cases.flatMap { flavor in (0..<channelCount).map { Case(flavor: flavor, channel: $0) } }
    }

    @Test(arguments: cases)
    func blockedSelectIsWokenBySendOnAnyChannel(_ c: Case) async {
        let channels = c.flavor.makeSelectable(Self.channelCount, of: Int.self)
        let sender = TestThreads()
        sender.spawn {
            pause(milliseconds: 5)
            try? channels[c.channel].send(100 + c.channel)
        }
        let outcome = await onThread(rescue: { channels.forEach { $0.close() } }) {
            var select = receiveSelect(channels)
            return select.wait()
        }
        await sender.join()
        #expect(outcome == .received(channel: c.channel, value: 100 + c.channel))
    }

    @Test(arguments: cases)
    func blockedSelectIsWokenByCloseOfAnyChannel(_ c: Case) async {
        let channels = c.flavor.makeSelectable(Self.channelCount, of: Int.self)
        let closer = TestThreads()
        closer.spawn {
            pause(milliseconds: 5)
            channels[c.channel].close()
        }
        let outcome = await onThread(rescue: { channels.forEach { $0.close() } }) {
            var select = receiveSelect(channels)
            return select.wait()
        }
        await closer.join()
        #expect(outcome == .received(channel: c.channel, value: nil))
    }

    /// A select sending to full channels is woken when a receive makes room in one of them.
    @Test(arguments: cases.filter { $0.flavor.capacity != .unbounded })
    func blockedSendSelectIsWokenWhenRoomAppears(_ c: Case) async {
        let channels = c.flavor.makeSelectable(Self.channelCount, of: Int.self)
        for channel in channels {
            while channel.trySend(-1) == .sent {}
        }
        let receiver = TestThreads()
        receiver.spawn {
            pause(milliseconds: 5)
            _ = channels[c.channel].receive()
        }
        let outcome = await onThread(rescue: { channels.forEach { $0.close() } }) {
            var select = Select<SelectOutcome>()
            addSends(&select, 7, to: channels)
            return select.wait()
        }
        await receiver.join()
        #expect(outcome == .sent(channel: c.channel, closed: false))
    }

    /// A timed select that is woken before its deadline returns the operation, not `nil`.
    @Test(arguments: SelectFlavors.cases)
    func timedSelectIsWokenBySend(_ c: BlockingCase) async {
        let channels = c.makeSelectable(2, of: Int.self)
        let sender = TestThreads()
        sender.spawn {
            pause(milliseconds: 5)
            try? channels[1].send(8)
        }
        let outcome = await onThread(rescue: { channels.forEach { $0.close() } }) {
            var select = receiveSelect(channels)
            return select.wait(timeout: .seconds(600))
        }
        await sender.join()
        #expect(outcome == .received(channel: 1, value: 8))
    }
}
