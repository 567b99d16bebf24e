import Channels
import Testing

/// Undelivered messages are released: when the channel is dropped, and when a send fails.
@Suite struct BlockingReleaseTests {
    @Test("dropping a channel releases undelivered messages", arguments: BlockingFlavors.bufferedCases())
    func dropReleasesBuffered(_ c: BlockingCase) async {
        let deinits = Counter()
        let sent = min(c.capacity.limit ?? 50, 50)
        do {
            let channel = c.make(Tracked.self)
            for i in 0..<sent { #expect(channel.trySend(Tracked(i, deinits: deinits)) == .sent) }
            // Two are delivered and released by the receiver; the rest stay buffered.
            _ = await onThread(rescue: channel.close) {
                for _ in 0..<min(2, sent) { _ = channel.receive() }
            }
            #expect(deinits.current == min(2, sent))
        }
        #expect(deinits.current == sent)
    }

    @Test("a closed channel's buffered messages are released on drop", arguments: BlockingFlavors.bufferedCases())
    func dropAfterCloseReleases(_ c: BlockingCase) async throws {
        let deinits = Counter()
        let sent = min(c.capacity.limit ?? 20, 20)
        do {
            let (tx, rx) = try makeChannel(of: Tracked.self, implementation: c.descriptor.name, capacity: c.capacity)
            for i in 0..<sent { #expect(tx.trySend(Tracked(i, deinits: deinits)) == .sent) }
            rx.channel.close()
            #expect(deinits.current == 0)
        }
        #expect(deinits.current == sent)
    }

    @Test("a failed send releases its message", arguments: BlockingFlavors.cases())
    func failedSendReleases(_ c: BlockingCase) async {
        let deinits = Counter()
        let channel = c.make(Tracked.self)
        channel.close()
        do {
            _ = try? channel.send(Tracked(1, deinits: deinits))
            _ = channel.trySend(Tracked(2, deinits: deinits))
            _ = channel.send(Tracked(3, deinits: deinits), timeout: .milliseconds(1))
        }
        #expect(deinits.current == 3)
    }

    @Test("a timed-out rendezvous send releases its message", arguments: BlockingFlavors.rendezvousCases)
    func timedOutRendezvousReleases(_ c: BlockingCase) async {
        let deinits = Counter()
        let channel = c.make(Tracked.self)
        #expect(channel.send(Tracked(1, deinits: deinits), timeout: .milliseconds(5)) == .timedOut)
        #expect(channel.trySend(Tracked(2, deinits: deinits)) == .full)
        #expect(deinits.current == 2)
    }
}
