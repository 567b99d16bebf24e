import Testing
import Channels

/// Capacity 0: a send completes only when a receiver has taken its element.
@Suite struct AsyncRendezvousTests {
    @Test(arguments: AsyncCases.rendezvous)
    func sendWaitsForReceiver(_ c: AsyncCase) async {
        await withWatchdog("rendezvous send \(c.testDescription)") {
            let channel = c.make(Int.self)
            let returned = SharedFlag()
            let sender = Task {
                try await channel.send(5)
                returned.set()
            }
            await letOthersRun()
            let returnedEarly = returned.isSet
            #expect(!returnedEarly, "send completed with no receiver")
            #expect(channel.count == 0)
            #expect(await channel.receive() == 5)
            #expect((try? await sender.value) != nil)
            let returnedAfter = returned.isSet
            #expect(returnedAfter)
        }
    }

    @Test(arguments: AsyncCases.rendezvous)
    func receiveWaitsForSender(_ c: AsyncCase) async {
        await withWatchdog("rendezvous receive \(c.testDescription)") {
            let channel = c.make(Int.self)
            let receiver = Task { await channel.receive() }
            await letOthersRun()
            try? await channel.send(6)
            #expect(await receiver.value == 6)
        }
    }

    /// trySend succeeds only into a waiting receiver, tryReceive only from a waiting sender.
    @Test(arguments: AsyncCases.rendezvous.filter { $0.descriptor.supportsTryAndTimeout })
    func tryOperationsNeedAPartner(_ c: AsyncCase) async {
        await withWatchdog("rendezvous try \(c.testDescription)") {
            let channel = c.makeTimed(Int.self)
            #expect(channel.trySend(1) == .full)
            #expect(channel.tryReceive() == .empty)
            let receiver = Task { await channel.receive() }
            while channel.trySend(2) != .sent { await Task.yield() }
            #expect(await receiver.value == 2)
            let sender = Task { try await channel.send(3) }
            var got: Int?
            while got == nil { got = channel.tryReceive().value; if got == nil { await Task.yield() } }
            #expect(got == 3)
            #expect((try? await sender.value) != nil)
        }
    }
}
