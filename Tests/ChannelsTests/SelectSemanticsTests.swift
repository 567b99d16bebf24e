import Channels
import Testing

/// Single-threaded select semantics: what is ready, what a handler gets, what the default and
/// timeout forms leave alone. Nothing here depends on scheduling.
@Suite struct SelectSemanticsTests {
    /// Receives from empty channels and sends to full ones (an unbounded channel is never
    /// full: no sends then): a select with nothing ready.
    struct NothingReady {
        let receiveFrom: [any SelectableChannel<Int>]
        let fullChannels: [any SelectableChannel<Int>]
        let bufferedBefore: Int
        var select: Select<SelectOutcome>

        init(_ c: BlockingCase) {
            receiveFrom = c.makeSelectable(3, of: Int.self)
            fullChannels = c.capacity == .unbounded ? [] : c.makeSelectable(2, of: Int.self)
            for channel in fullChannels {
                while channel.trySend(7) == .sent {}
            }
            bufferedBefore = bufferedCount(fullChannels)
            select = receiveSelect(receiveFrom)
            addSends(&select, 1, to: fullChannels, offset: receiveFrom.count)
        }

        /// Nothing was received or sent.
        var untouched: Bool {
            bufferedCount(receiveFrom) == 0 && bufferedCount(fullChannels) == bufferedBefore
        }
    }

    @Test(arguments: SelectFlavors.cases)
    func defaultFormReturnsNilAndPerformsNothingWhenNothingIsReady(_ c: BlockingCase) {
        var setup = NothingReady(c)
        #expect(setup.select.tryWait() == nil)
        #expect(setup.untouched)
    }

    @Test(arguments: SelectFlavors.cases)
    func aSelectBuiltOnceSendsTheElementOfEachWait(_ c: BlockingCase) {
        let channels = c.makeSelectable(2, of: Int.self)
        var next = 0
        var select = Select<Int>(seed: 7)
        for (i, channel) in channels.enumerated() { select.send(to: channel, element: { next }) { _ in i } }
        var sentTo: [Int] = []
        for n in 0..<6 {
            next = n
            // Room for one element per channel at capacity 1: receive what blocks the next send.
            if c.capacity == .bounded(1), n >= 2, case .value = channels[sentTo[n - 2]].tryReceive() {}
            guard let i = select.tryWait() else { Issue.record("send \(n) found no room"); return }
            sentTo.append(i)
        }
        var received: [Int] = []
        for channel in channels { while case .value(let v) = channel.tryReceive() { received.append(v) } }
        let expected = c.capacity == .bounded(1) ? [4, 5] : Array(0..<6)
        #expect(received.sorted() == expected)
    }

    @Test(arguments: SelectFlavors.cases)
    func receivesFromTheOnlyReadyChannel(_ c: BlockingCase) {
        let channels = c.makeSelectable(4, of: Int.self)
        #expect(channels[2].trySend(42) == .sent)
        var select = receiveSelect(channels)
        #expect(select.tryWait() == .received(channel: 2, value: 42))
        #expect(bufferedCount(channels) == 0)
    }

    @Test(arguments: SelectFlavors.cases)
    func closedAndDrainedReceiveIsReadyWithNil(_ c: BlockingCase) {
        let channels = c.makeSelectable(2, of: Int.self)
        channels[1].close()
        var select = receiveSelect(channels)
        #expect(select.tryWait() == .received(channel: 1, value: nil))
    }

    @Test(arguments: SelectFlavors.cases)
    func closedChannelDrainsBeforeReportingNil(_ c: BlockingCase) {
        let channel = c.makeSelectable(Int.self)
        #expect(channel.trySend(5) == .sent)
        channel.close()
        var select = receiveSelect([channel])
        #expect(select.tryWait() == .received(channel: 0, value: 5))
        #expect(select.tryWait() == .received(channel: 0, value: nil))
    }

    @Test(arguments: SelectFlavors.cases)
    func sendToClosedChannelIsReadyWithClosedError(_ c: BlockingCase) {
        let channel = c.makeSelectable(Int.self)
        channel.close()
        var select = Select<SelectOutcome>()
        addSends(&select, 9, to: [channel])
        #expect(select.tryWait() == .sent(channel: 0, closed: true))
        #expect(channel.count == 0)
    }

    @Test(arguments: SelectFlavors.cases)
    func sendWithRoomDelivers(_ c: BlockingCase) {
        let channel = c.makeSelectable(Int.self)
        var select = Select<SelectOutcome>()
        addSends(&select, 9, to: [channel])
        #expect(select.wait() == .sent(channel: 0, closed: false))
        #expect(channel.tryReceive() == .value(9))
    }

    /// The timeout form gives up with `nil`, leaves every element where it was, and does not
    /// return before its deadline (a lower bound, which no scheduling can break).
    @Test(arguments: SelectFlavors.cases)
    func timeoutFormReturnsNilNotBeforeTheDeadlineAndPerformsNothing(_ c: BlockingCase) {
        var setup = NothingReady(c)
        let start = MonotonicDeadline.now()
        let outcome = setup.select.wait(timeout: .milliseconds(30))
        let elapsed = MonotonicDeadline.now().nanoseconds - start.nanoseconds
        #expect(outcome == nil)
        #expect(elapsed >= 30_000_000)
        #expect(setup.untouched)
    }

    @Test func selectWithoutOperationsReturnsNilFromDefaultAndTimeoutForms() {
        var select = Select<Int>()
        #expect(select.tryWait() == nil)
        #expect(select.wait(timeout: .milliseconds(1)) == nil)
    }

    /// Every built-in whose descriptor claims select makes channels that conform and accept a
    /// select at the capacities the descriptor allows; a rendezvous condvar refuses.
    @Test func descriptorsAgreeWithTheChannels() {
        for descriptor in BlockingFlavors.all {
            for capacity in BlockingFlavors.interestingCapacities where descriptor.supports(capacity) {
                let channel = descriptor.makeBlocking(Int.self, capacity: capacity)!
                let selectable = (channel as? any SelectableChannel<Int>)?.acceptsSelect ?? false
                #expect(selectable == descriptor.selectable(at: capacity), "\(descriptor.name) at \(capacity)")
            }
        }
        #expect(ChannelDescriptor.condvar.selectable(at: .bounded(0)) == false)
        #expect(ChannelDescriptor.condvar.selectable(at: .bounded(1)))
        #expect(ChannelDescriptor.ring.selectable(at: .bounded(1)))
        #expect(ChannelDescriptor.dispatch.selectable == false)
    }
}
