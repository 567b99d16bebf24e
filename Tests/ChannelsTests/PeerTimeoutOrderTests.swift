import Channels
import Testing

/// Long runs of short timeouts (crossbeam's `stress_timeout_two_threads`, array and zero
/// flavors): one side sends 0, 1, 2, ... retrying each message until `send(_:timeout:)` says
/// sent, the other receives with `receive(timeout:)` retrying on timeout. A timed-out send that
/// was delivered anyway shows up as a duplicate, a timed-out receive that swallowed a message
/// as a gap, so the received sequence must be exactly 0..<n. How many waits time out depends on
/// the machine and is never asserted; occasional pauses on either side make timeouts likely.
@Suite struct PeerTimeoutOrderTests {
    static let capacities: [ChannelCapacity] = [.bounded(0), .bounded(2)]

    /// Up to 200 µs, zero included: short enough that many waits time out.
    private static func shortTimeout(_ rng: inout SplitMix) -> Duration {
        .microseconds(Int(rng.next() % 201))
    }

    @Test("blocking: every message arrives once, in order, through short timeouts", arguments: BlockingFlavors.cases(capacities: capacities))
    func blockingShortTimeoutsKeepOrder(_ c: BlockingCase) async {
        let channel = c.make(Int.self)
        let n = TestScale.messages(c.capacity.isRendezvous ? 2_000 : 4_000)
        let received = Counter()
        let log = ResultBox<[Int]>()
        let threads = TestThreads()
        threads.spawn {
            var rng = SplitMix(seed: 1)
            for i in 0..<n {
                while true {
                    let result = channel.send(i, timeout: Self.shortTimeout(&rng))
                    if result == .sent { break }
                    if result == .closed { return } // only the watchdog's rescue closes early
                }
                if rng.next() % 64 == 0 { pause(milliseconds: 1) }
            }
            channel.close()
        }
        threads.spawn {
            var rng = SplitMix(seed: 2)
            var got: [Int] = []
            got.reserveCapacity(n)
            receiving: while true {
                switch channel.receive(timeout: Self.shortTimeout(&rng)) {
                case .value(let v):
                    got.append(v)
                    received.increment()
                    if rng.next() % 64 == 0 { pause(milliseconds: 1) }
                case .timedOut:
                    continue
                case .closed:
                    break receiving
                }
            }
            log.set(got)
        }
        await threads.join(progress: { received.current }, rescue: channel.close)
        let got = log.value ?? []
        #expect(got.count == n)
        #expect(got.elementsEqual(0..<n), "first difference at index \(got.indices.first { got[$0] != $0 } ?? got.count)")
    }

    @Test("async: every element arrives once, in order, through short timeouts",
          arguments: AsyncCases.cases(at: capacities, where: \.supportsTryAndTimeout))
    func asyncShortTimeoutsKeepOrder(_ c: AsyncCase) async {
        await withWatchdog("short timeouts \(c.testDescription)", seconds: 600) {
            let channel = c.makeTimed(Int.self)
            let n = TestScale.messages(2_000)
            let producer = Task {
                var rng = SplitMix(seed: 3)
                for i in 0..<n {
                    while true {
                        let result = await channel.send(i, timeout: Self.shortTimeout(&rng))
                        if result == .sent { break }
                        if result == .closed { return }
                    }
                    if rng.next() % 64 == 0 { try? await Task.sleep(nanoseconds: 1_000_000) }
                }
                channel.close()
            }
            var rng = SplitMix(seed: 4)
            var got: [Int] = []
            receiving: while true {
                switch await channel.receive(timeout: Self.shortTimeout(&rng)) {
                case .value(let v):
                    got.append(v)
                    if rng.next() % 64 == 0 { try? await Task.sleep(nanoseconds: 1_000_000) }
                case .timedOut:
                    continue
                case .closed:
                    break receiving
                }
            }
            await producer.value
            #expect(got.count == n)
            #expect(got.elementsEqual(0..<n), "first difference at index \(got.indices.first { got[$0] != $0 } ?? got.count)")
        }
    }
}
