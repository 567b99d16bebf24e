import Testing
import Channels

/// The declared watermark behaviour of watermark-capacity channels (registry
/// `capacityEnforcement: .watermark`), which `chanbench verify` relies on: a lone
/// producer completes `n - 1` sends, the n-th is buffered and its send waits; close releases
/// that send normally and its element is drained; a producer meeting a waiting consumer never
/// hangs. Each runs under a watchdog so a hang fails the case instead of the whole suite.
@Suite struct AsyncWatermarkTests {
    static let cases = AsyncCases.boundedBuffers.filter { $0.descriptor.watermark != nil }

    @Test(arguments: cases)
    func loneProducerFillsOneBelowTheMarkThenWaitsUntilClose(_ c: AsyncCase) async {
        await withWatchdog("watermark fill \(c.testDescription)") {
            let channel = c.make(Int.self)
            let n = c.limit!
            for i in 0..<(n - 1) { try? await channel.send(i) }
            let done = SharedFlag()
            let waiting = Task { () -> Bool in
                defer { done.set() }
                do { try await channel.send(n - 1); return true } catch { return false }
            }
            await letOthersRun()
            #expect(!done.isSet, "the send reaching the high mark \(n) must wait for demand")
            // A local, not the adapter's member, in #expect: a failed expectation reflects what
            // it names, and reflecting this adapter traps.
            let buffered = channel.count
            #expect(buffered == n, "the waiting send's element is already buffered")
            #expect(buffered <= c.descriptor.countBound(capacity: c.capacity, producers: 1)!)
            channel.close()
            let returnedNormally = await waiting.value
            #expect(returnedNormally, "close ends the wait normally: the element was accepted")
            #expect(await drain(channel) == Array(0..<n), "every accepted element is drained after close")
        }
    }

    @Test(arguments: cases)
    func producerMeetingAWaitingConsumerDoesNotHang(_ c: AsyncCase) async {
        await withWatchdog("watermark waiting consumer \(c.testDescription)") {
            let channel = c.make(Int.self)
            let consumer = Task { await channel.receive() }
            await letOthersRun()
            try? await channel.send(7)
            #expect(await consumer.value == 7)
            channel.close()
            #expect(await drain(channel) == [])
        }
    }
}
