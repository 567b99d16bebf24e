import Testing
import Channels

/// Guarantees the actor flavor documents beyond the common contract.
@Suite struct ActorChannelTests {
    /// Suspended senders are served in arrival order, and their elements are not counted
    /// until they enter the buffer.
    @Test(arguments: [1, 4])
    func waitingSendersAreServedInArrivalOrder(_ n: Int) async {
        await withWatchdog("actor sender order \(n)") {
            let channel = ActorChannel<Int>(capacity: .bounded(n))
            for i in 0..<n { #expect(channel.trySend(i) == .sent) }
            var senders: [Task<Void, Error>] = []
            for i in 0..<5 {
                senders.append(Task { try await channel.send(100 + i) })
                await letOthersRun(milliseconds: 50) // lets it suspend: arrival order = creation order
            }
            #expect(channel.count == n)
            var got: [Int] = []
            for _ in 0..<(n + 5) { got.append(await channel.receive()!) }
            #expect(got == Array(0..<n) + Array(100..<105))
            for s in senders { #expect((try? await s.value) != nil) }
        }
    }

    /// Suspended receivers are served in arrival order.
    @Test func waitingReceiversAreServedInArrivalOrder() async {
        await withWatchdog("actor receiver order") {
            let channel = ActorChannel<Int>(capacity: .bounded(4))
            var receivers: [Task<Int?, Never>] = []
            for _ in 0..<4 {
                receivers.append(Task { await channel.receive() })
                await letOthersRun(milliseconds: 50)
            }
            for i in 0..<4 { #expect(channel.trySend(i) == .sent) }
            for (i, r) in receivers.enumerated() { #expect(await r.value == i) }
        }
    }

    /// Capacity 0 never buffers: a trySend with nobody waiting is refused and nothing counts.
    @Test func rendezvousCountsNothing() async {
        let channel = ActorChannel<Int>(capacity: .bounded(0))
        #expect(channel.trySend(1) == .full)
        #expect(channel.count == 0)
    }
}
