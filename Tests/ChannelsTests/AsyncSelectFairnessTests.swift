import Testing
@testable import Channels

/// When several operations are ready, a select chooses each with equal probability (Go and
/// crossbeam pick at random). One task, every operation kept ready, a seeded generator: the
/// counts are deterministic, and a chi-square test against the uniform distribution checks them
/// (at the 0.999 quantile: a fair chooser fails for one seed in a thousand).
@Suite struct AsyncSelectFairnessTests {
    /// Four receives, each channel holding an element every time.
    @Test func readyReceivesAreChosenUniformly() {
        let channels = (0..<4).map { _ in ActorChannel<Int>(capacity: .unbounded) }
        for (i, channel) in channels.enumerated() { #expect(channel.trySend(i) == .sent) }
        var select = AsyncSelect<Picked>()
        select.receive(fromEach: channels)
        var generator = SplitMix(seed: 17)
        var counts = [0, 0, 0, 0]
        for _ in 0..<8_000 {
            guard case .received(let i, let element?)? = select.tryWait(using: &generator) else {
                Issue.record("a select with every receive ready performed none")
                return
            }
            counts[i] += 1
            #expect(channels[i].trySend(element) == .sent) // ready again
        }
        #expect(ChiSquare.looksUniform(counts, tail: .oneInAThousand), "counts \(counts)")
    }

    /// Two receives and two sends, all ready, through `wait`: a mix is chosen uniformly too.
    @Test func readySendsAndReceivesAreChosenUniformly() async {
        let sources = (0..<2).map { _ in ActorChannel<Int>(capacity: .unbounded) }
        let sinks = (0..<2).map { _ in ActorChannel<Int>(capacity: .unbounded) }
        for source in sources { #expect(source.trySend(0) == .sent) }
        var select = AsyncSelect<Int>()
        for (i, source) in sources.enumerated() {
            select.receive(from: source) { _ in i }
        }
        for (i, sink) in sinks.enumerated() {
            select.send(1, to: sink) { _ in 2 + i }
        }
        var generator = SplitMix(seed: 29)
        var counts = [0, 0, 0, 0]
        for _ in 0..<8_000 {
            guard let i = try? await select.wait(using: &generator) else {
                Issue.record("a select with every operation ready was cancelled")
                return
            }
            counts[i] += 1
            if i < 2 { #expect(sources[i].trySend(0) == .sent) }
        }
        #expect(ChiSquare.looksUniform(counts, tail: .oneInAThousand), "counts \(counts)")
        #expect(sinks.map(\.count) == [counts[2], counts[3]])
    }
}
