import Testing
@testable import BenchSupport
@testable import BenchCompare

/// The verdict rule and the option parsers it depends on.
@Suite struct CompareVerdictTests {
    private func judge(_ base: [Double], _ new: [Double], metric: CompareMetric = .nsPerMessage,
                       threshold: CompareThreshold = .default) -> CompareVerdict {
        var g = SeededGenerator(seed: 99)
        return CompareVerdict.judge(
            interval: BootstrapRatioInterval(base: base, new: new, generator: &g),
            test: MannWhitneyTest(base: base, new: new), adjustedP: nil, familySize: 1, metric: metric, threshold: threshold)
    }

    @Test func threeVersusThreeSeparatedBeyondThresholdIsARegression() {
        // The rank test cannot go below p = 0.1 here, so it must not veto.
        #expect(judge([100, 101, 102], [130, 131, 133]) == .regression)
    }

    @Test func aShiftSmallerThanTheThresholdIsUnchangedEvenIfConsistent() {
        // Every NEW run 3 % slower: real, but not material at 5 %.
        #expect(judge([100, 100.5, 101], [103, 103.5, 104]) == .unchanged)
    }

    @Test func overlappingNoisySamplesAreUnchangedDespiteAHighMedianRatio() {
        // Median ratio 1.2, but BASE's spread covers it: no confident claim possible.
        #expect(judge([100, 125, 90], [120, 95, 130]) == .unchanged)
    }

    @Test func improvementIsTheMirrorImage() {
        #expect(judge([130, 131, 133], [100, 101, 102]) == .improvement)
    }

    @Test func throughputCountsHigherAsBetter() throws {
        let throughput = try CompareMetric(named: "msgs_per_sec")
        #expect(judge([100, 101, 102], [70, 71, 72], metric: throughput) == .regression)
        #expect(judge([70, 71, 72], [100, 101, 102], metric: throughput) == .improvement)
    }

    @Test func aGenerousThresholdLetsA30PercentSlowdownPass() throws {
        let threeX = try CompareThreshold(parsing: "3x")
        #expect(judge([100, 101, 102], [130, 131, 133], threshold: threeX) == .unchanged)
        #expect(judge([100, 101, 102], [400, 410, 420], threshold: threeX) == .regression)
    }

    @Test func rankTestVetoesWhenItCouldHaveReachedSignificance() throws {
        // 8 vs 8: the rank test can reach p < 0.05. An interval above the threshold with a
        // non-significant rank test must not be a regression: fabricate one directly.
        let base: [Double] = [100, 101, 102, 103, 104, 105, 106, 107]
        let new: [Double] = [100.5, 101.5, 102.5, 103.5, 104.5, 105.5, 106.5, 107.5]
        let test = try #require(MannWhitneyTest(base: base, new: new))
        #expect(test.minimumAchievableP < 0.05 && test.pValue > 0.05)
        var g = SeededGenerator(seed: 1)
        let wide = try #require(BootstrapRatioInterval(base: [100, 101], new: [200, 201], generator: &g))
        #expect(CompareVerdict.judge(interval: wide, test: test, adjustedP: nil, familySize: 1, metric: .nsPerMessage, threshold: .default) == .unchanged)
        let agreeing = try #require(MannWhitneyTest(base: base, new: new.map { $0 * 2 }))
        #expect(CompareVerdict.judge(interval: wide, test: agreeing, adjustedP: nil, familySize: 1, metric: .nsPerMessage, threshold: .default) == .regression)
    }

    @Test func withoutAnIntervalThereIsNoVerdict() {
        #expect(judge([100], [500]) == .inconclusive)
    }

    @Test func onlyRegressionAndFailedFailTheGate() {
        #expect(CompareVerdict.allCases.filter(\.failsGate) == [.regression, .failed])
    }

    // MARK: option parsing

    @Test(arguments: [("5%", 0.05), ("5", 0.05), ("200%", 2.0), ("3x", 2.0), ("1x", 0.0), ("0", 0.0), (" 12.5 % ", 0.125)])
    func thresholdParses(text: String, fraction: Double) throws {
        #expect(abs(try CompareThreshold(parsing: text).fraction - fraction) < 1e-12)
    }

    @Test(arguments: ["", "abc", "-5%", "0.5x", "nan", "inf%", "5%%"])
    func badThresholdIsRejected(text: String) {
        #expect(throws: CompareError.badThreshold(text)) { try CompareThreshold(parsing: text) }
    }

    @Test func thresholdDescriptionAndBounds() throws {
        #expect(CompareThreshold.default.description == "5%")
        let threeX = try CompareThreshold(parsing: "200%")
        #expect(threeX.description == "3x")
        #expect(threeX.regressionBound == 3)
        #expect(abs(threeX.improvementBound - 1.0 / 3) < 1e-12)
    }

    @Test(arguments: [("95%", 0.95), ("0.9", 0.9), ("99", 0.99)])
    func confidenceParses(text: String, level: Double) throws {
        #expect(abs(try CompareOptions.parseConfidence(text) - level) < 1e-12)
    }

    @Test(arguments: ["", "10%", "100%", "x"])
    func badConfidenceIsRejected(text: String) {
        #expect(throws: CompareError.badConfidence(text)) { try CompareOptions.parseConfidence(text) }
    }

    @Test func unknownMetricIsRejectedWithTheKnownList() {
        #expect(throws: CompareError.unknownMetric("ns", known: CompareMetric.known.map(\.name))) {
            try CompareMetric(named: "ns")
        }
    }
}
