import Testing
@testable import Channels

/// The condvar channel's rendezvous bookkeeping keeps tickets and elements in two deques that
/// must stay in lockstep; these drive the state machine directly, where a misalignment shows.
@Suite struct CondvarStateMachineTests {
    /// A retracted offer in the middle takes its own element with it: the receivers get the
    /// other offers' elements, in ticket order, and each sender sees its own offer taken.
    @Test func retractingAMiddleOfferKeepsTicketsAndElementsAligned() {
        var state = CondvarChannelStateMachine<String>(capacity: .bounded(0))
        let a = state.offer("a")!.ticket
        let b = state.offer("b")!.ticket
        let c = state.offer("c")!.ticket
        #expect(!state.isTaken(a) && !state.isTaken(b) && !state.isTaken(c))

        let retracted = state.retract(b)
        #expect(retracted)
        let retractedAgain = state.retract(b)
        #expect(!retractedAgain, "a second retract finds nothing")

        let first = state.receive()
        #expect(first.0.value == "a")
        #expect(state.isTaken(a))
        #expect(!state.isTaken(c))
        let second = state.receive()
        #expect(second.0.value == "c")
        #expect(state.isTaken(c))
        let third = state.receive()
        #expect(third.0 == .empty)
    }

    /// A taken offer cannot be retracted: the send succeeded, so the sender must report sent.
    @Test func aTakenOfferCannotBeRetracted() {
        var state = CondvarChannelStateMachine<Int>(capacity: .bounded(0))
        let t = state.offer(7)!.ticket
        let taken = state.receive()
        #expect(taken.0.value == 7)
        let retracted = state.retract(t)
        #expect(!retracted)
    }

    /// A committed trySend offer is delivered after earlier offers, in order.
    @Test func committedOffersQueueBehindWaitingOnes() {
        var state = CondvarChannelStateMachine<Int>(capacity: .bounded(0))
        let withoutReceiver = state.tryOffer(1)
        #expect(withoutReceiver.0 == .full, "no receiver waits")
        state.receiverWillWait()
        state.receiverWillWait()
        _ = state.offer(1)
        let committed = state.tryOffer(2)
        #expect(committed.0 == .sent)
        let beyondReceivers = state.tryOffer(3)
        #expect(beyondReceivers.0 == .full, "two receivers wait, two offers are queued")
        let first = state.receive()
        #expect(first.0.value == 1)
        let second = state.receive()
        #expect(second.0.value == 2)
    }

    /// Sleeping senders of a full channel: a burst of receives signals *not-full* once (not
    /// once per message), the woken sender passes the wake-up on while room is left, and the
    /// chain stops once the channel is full again or nobody sleeps.
    @Test func aBurstOfReceivesWakesOneSleepingSenderAtATime() {
        var state = CondvarChannelStateMachine<Int>(capacity: .bounded(4))
        for i in 0..<4 { _ = state.send(i) }
        state.senderWillSleep()
        state.senderWillSleep()
        let first = state.receive()
        #expect(first.1 == .signalNotFull)
        let second = state.receive()
        let third = state.receive()
        #expect(second.1.isEmpty && third.1.isEmpty, "a wake-up is already on its way")

        state.senderWoke()  // the signalled sender is back: 3 slots free, one sender still sleeps
        let chained = state.send(10)
        #expect(chained.1 == .signalNotFull, "room is left: wake the next sleeper")
        state.senderWoke()
        let noSleeper = state.send(11)
        #expect(noSleeper.1.isEmpty, "nobody sleeps any more")
    }

    /// A woken sender that fills the channel does not wake the next one: there is no room.
    @Test func aSenderThatFillsTheChannelEndsTheChain() {
        var state = CondvarChannelStateMachine<Int>(capacity: .bounded(2))
        _ = state.send(0)
        _ = state.send(1)
        state.senderWillSleep()
        state.senderWillSleep()
        let makesRoom = state.receive()
        #expect(makesRoom.1 == .signalNotFull)
        state.senderWoke()
        let fills = state.send(2)
        #expect(fills.0 == .sent && fills.1.isEmpty, "full again: nothing to pass on")
        let next = state.receive()
        #expect(next.1 == .signalNotFull, "the next receive signals the sleeper left")
    }

    /// Sleeping receivers: a burst of sends signals *not-empty* once; a receiver that wakes
    /// (signalled or timed out) passes the wake-up on while messages are left.
    @Test func aBurstOfSendsWakesOneSleepingReceiverAtATime() {
        var state = CondvarChannelStateMachine<Int>(capacity: .unbounded)
        state.receiverWillSleep()
        state.receiverWillSleep()
        let one = state.send(1)
        #expect(one.1 == .signalNotEmpty)
        let two = state.send(2)
        #expect(two.1.isEmpty, "a wake-up is already on its way")
        state.receiverWoke()
        let taken = state.receive()
        #expect(taken.0.value == 1)
        #expect(taken.1 == .signalNotEmpty, "a message is left and a receiver sleeps")
        state.receiverWoke()
        let last = state.receive()
        #expect(last.0.value == 2 && last.1.isEmpty)
    }
}
