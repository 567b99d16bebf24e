import Channels
import Testing

/// When several operations are ready, each is chosen with about equal probability. One
/// thread, every operation ready before every select, a seeded generator: the counts are a
/// deterministic function of the seed, and the test bounds their chi-square statistic (at the
/// 0.999 quantile: a fair select fails for one seed in a thousand).
@Suite struct SelectFairnessTests {
    /// Four receive operations, all ready. A select that always favoured one position would
    /// score in the tens of thousands.
    @Test(arguments: SelectFlavors.cases.filter { $0.capacity == .bounded(16) })
    func readyReceivesAreChosenUniformly(_ c: BlockingCase) {
        let channels = c.makeSelectable(4, of: Int.self)
        var select = receiveSelect(channels, seed: 0x5E1EC7)
        var counts = [0, 0, 0, 0]
        for _ in 0..<20_000 {
            for channel in channels where channel.count == 0 { _ = channel.trySend(1) }
            guard case .received(let i, _)? = select.tryWait() else {
                Issue.record("nothing selected although every operation was ready")
                return
            }
            counts[i] += 1
        }
        #expect(ChiSquare.looksUniform(counts, tail: .oneInAThousand), "counts \(counts)")
    }

    /// Receives and sends mixed (three of each, all ready).
    @Test(arguments: SelectFlavors.cases.filter { $0.capacity == .bounded(16) })
    func readyMixedOperationsAreChosenUniformly(_ c: BlockingCase) {
        let receiveFrom = c.makeSelectable(3, of: Int.self)
        let sendTo = c.makeSelectable(3, of: Int.self)
        var select = receiveSelect(receiveFrom, seed: 42)
        addSends(&select, 0, to: sendTo, offset: 3)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<30_000 {
            for channel in receiveFrom where channel.count == 0 { _ = channel.trySend(1) }
            for channel in sendTo where channel.count > 0 { _ = channel.tryReceive() }
            switch select.tryWait() {
            case .received(let i, _)?: counts[i] += 1
            case .sent(let i, _)?: counts[i] += 1
            case nil: Issue.record("nothing selected although every operation was ready"); return
            }
        }
        #expect(ChiSquare.looksUniform(counts, tail: .oneInAThousand), "counts \(counts)")
    }

    /// The same seed makes the same choices (what lets a failure above be replayed).
    @Test func aSeedReproducesTheChoices() {
        func choices(seed: UInt64) -> [Int] {
            let c = SelectFlavors.cases[0]
            let channels = c.makeSelectable(3, of: Int.self)
            var select = receiveSelect(channels, seed: seed)
            return (0..<50).map { _ in
                for channel in channels where channel.count == 0 { _ = channel.trySend(1) }
                if case .received(let i, _)? = select.tryWait() { return i }
                return -1
            }
        }
        #expect(choices(seed: 7) == choices(seed: 7))
        #expect(choices(seed: 7) != choices(seed: 8))
    }
}
