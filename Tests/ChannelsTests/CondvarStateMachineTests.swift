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
}
