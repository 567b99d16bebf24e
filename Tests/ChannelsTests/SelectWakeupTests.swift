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

    /// Runs `select` on a thread of its own while another thread, a moment later, does
    /// `action`; returns the select's outcome (`nil` if the watchdog fired).
    static func outcome(
        of select: @escaping @Sendable () -> SelectOutcome?,
        on channels: [any SelectableChannel<Int>],
        whenAnotherThread action: @escaping @Sendable () -> Void
    ) async -> SelectOutcome? {
        let other = TestThreads()
        other.spawn {
            pause(milliseconds: 5)
            action()
        }
        let outcome = await onThread(rescue: { channels.forEach { $0.close() } }, select)
        await other.join()
        return outcome ?? nil
    }

    @Test(arguments: cases)
    func blockedSelectIsWokenBySendOnAnyChannel(_ c: Case) async {
        let channels = c.flavor.makeSelectable(Self.channelCount, of: Int.self)
        let outcome = await Self.outcome(of: { var s = receiveSelect(channels); return s.wait() },
                                         on: channels,
                                         whenAnotherThread: { try? channels[c.channel].send(100 + c.channel) })
        #expect(outcome == .received(channel: c.channel, value: 100 + c.channel))
    }

    @Test(arguments: cases)
    func blockedSelectIsWokenByCloseOfAnyChannel(_ c: Case) async {
        let channels = c.flavor.makeSelectable(Self.channelCount, of: Int.self)
        let outcome = await Self.outcome(of: { var s = receiveSelect(channels); return s.wait() },
                                         on: channels,
                                         whenAnotherThread: { channels[c.channel].close() })
        #expect(outcome == .received(channel: c.channel, value: nil))
    }

    /// A select sending to full channels is woken when a receive makes room in one of them.
    @Test(arguments: cases.filter { $0.flavor.capacity != .unbounded })
    func blockedSendSelectIsWokenWhenRoomAppears(_ c: Case) async {
        let channels = c.flavor.makeSelectable(Self.channelCount, of: Int.self)
        for channel in channels {
            while channel.trySend(-1) == .sent {}
        }
        let outcome = await Self.outcome(
            of: {
                var s = Select<SelectOutcome>()
                addSends(&s, 7, to: channels)
                return s.wait()
            },
            on: channels,
            whenAnotherThread: { _ = channels[c.channel].receive() })
        #expect(outcome == .sent(channel: c.channel, closed: false))
    }

    /// A timed select that is woken before its deadline returns the operation, not `nil`.
    @Test(arguments: SelectFlavors.cases)
    func timedSelectIsWokenBySend(_ c: BlockingCase) async {
        let channels = c.makeSelectable(2, of: Int.self)
        let outcome = await Self.outcome(of: { var s = receiveSelect(channels); return s.wait(timeout: .seconds(600)) },
                                         on: channels,
                                         whenAnotherThread: { try? channels[1].send(8) })
        #expect(outcome == .received(channel: 1, value: 8))
    }
}
