import Testing
@testable import BenchSupport
@testable import BenchModel
@testable import BenchCompare

/// The family-wise side of the compare rule: Holm's correction, one sample per fork, and what
/// they do to a suite-sized comparison.
@Suite struct CompareFamilyWiseTests {
    /// The contract header and a `fork` column, for files whose rows each come from a process.
    static let header = CompareCSVReaderTests.header + ",fork"
    /// Fewer bootstrap resamples than the CLI's 10 000: these tests judge hundreds of
    /// configurations in a debug build, and the verdicts here do not sit near an interval edge.
    static let fast = CompareOptions(resamples: 2_000)

    @Test func holmMatchesAHandComputedExample() {
        // Sorted: 0.005 x4 = 0.02; 0.01 x3 = 0.03; 0.03 x2 = 0.06; 0.04 x1 = 0.04 -> raised to 0.06.
        let adjusted = HolmCorrection.adjusted([0.01, 0.04, 0.03, 0.005])
        let expected = [0.03, 0.06, 0.06, 0.02]
        for (a, e) in zip(adjusted, expected) { #expect(abs(a - e) < 1e-12) }
        #expect(HolmCorrection.adjusted([]).isEmpty)
        #expect(HolmCorrection.adjusted([0.9, 0.8]) == [1, 1], "capped at 1")
    }

    @Test func holmNeverLowersAPValueAndKeepsTheOrder() {
        var g = SeededGenerator(seed: 7)
        let raw = (0..<50).map { _ in Double.random(in: 0..<1, using: &g) }
        let adjusted = HolmCorrection.adjusted(raw)
        for i in raw.indices {
            #expect(adjusted[i] >= raw[i])
            for j in raw.indices where raw[i] < raw[j] { #expect(adjusted[i] <= adjusted[j]) }
        }
    }

    /// Rows of one configuration named `impl`, one per fork.
    private func rows(_ impl: String, _ values: [Double]) -> [String] {
        values.enumerated().map { fork, v in
            CompareCSVReaderTests.row(impl, ns: String(v)) + ",\(fork + 1)"
        }
    }

    /// `count` configurations measured by 8 forks each, ns/msg around 100 with up to 10 % of
    /// per-fork noise drawn from `seed` (continuous: ties would raise the smallest p the rank
    /// test can reach); `slower` names configurations whose values are scaled.
    private func suite(count: Int, seed: UInt64, slower: [String: Double] = [:]) throws -> BenchCSVFile {
        var g = SeededGenerator(seed: seed)
        var lines = [Self.header]
        for i in 0..<count {
            let impl = "impl\(i)"
            let factor = slower[impl] ?? 1
            lines += rows(impl, (0..<8).map { _ in 100 * Double.random(in: 0.9...1.1, using: &g) * factor })
        }
        return try BenchCSVReader.parse(lines.joined(separator: "\n") + "\n", path: "suite-\(seed).csv")
    }

    @Test func eachForkIsOneSample() throws {
        let file = try suite(count: 1, seed: 1)
        #expect(Set(file.rows.map { file.runID(of: $0) }).count == 8)
        let c = try #require(try BenchComparator.compare(base: file, new: file).configurations.first)
        #expect(c.baseValues.count == 8)
        #expect(CompareReportFormat.text.render(try BenchComparator.compare(base: file, new: file)).contains("8/8 procs"))
    }

    @Test func aRealSlowdownAmongAHundredConfigurationsIsFoundAndNamed() throws {
        let base = try suite(count: 100, seed: 1)
        let new = try suite(count: 100, seed: 2, slower: ["impl42": 1.3])
        let result = try BenchComparator.compare(base: base, new: new, options: Self.fast)
        #expect(result.count(.regression) == 1)
        let worst = try #require(result.configurations.first)
        #expect(worst.key.impl == "impl42" && worst.verdict == .regression)
        #expect(try #require(worst.adjustedP) < 0.05)
        #expect(result.warnings.isEmpty, "8 vs 8 forks can survive the correction: \(result.warnings)")
        #expect(CompareReportFormat.csv.render(result).split(separator: "\n").first?.hasSuffix(",verdict,p_adjusted,mde") == true)
    }

    @Test func borderlineEvidenceIsUnchangedUnderHolmButNotWithoutCorrection() throws {
        // One configuration shifted ~20 % but overlapping: p around 0.002, far from the
        // 0.05 / 100 the family needs.
        let header = Self.header
        var lines = [header] + rows("shifted", [100, 101, 102, 103, 104, 120, 121, 122])
            .map { $0 }
        var newLines = [header] + rows("shifted", [118, 119, 121, 122, 123, 124, 125, 103])
        for i in 0..<99 {
            let values = (0..<8).map { Double(100 + ($0 * 7 + i) % 9) }
            lines += rows("flat\(i)", values)
            newLines += rows("flat\(i)", values.reversed())
        }
        let base = try BenchCSVReader.parse(lines.joined(separator: "\n") + "\n", path: "b.csv")
        let new = try BenchCSVReader.parse(newLines.joined(separator: "\n") + "\n", path: "n.csv")
        let holm = try BenchComparator.compare(base: base, new: new, options: Self.fast)
        let shifted = try #require(holm.configurations.first { $0.key.impl == "shifted" })
        let rawP = try #require(shifted.test?.pValue)
        #expect(rawP < 0.05)
        #expect(try #require(shifted.adjustedP) >= 0.05)
        #expect(shifted.verdict == .unchanged)
        #expect(!holm.failsGate)
        let uncorrected = try BenchComparator.compare(base: base, new: new, options: CompareOptions(resamples: 2_000, correction: .none))
        let alone = try #require(uncorrected.configurations.first { $0.key.impl == "shifted" })
        #expect(alone.adjustedP == rawP)
        if let interval = alone.interval, interval.low > 1.05 {
            #expect(alone.verdict == .regression, "without the correction the same evidence fires")
        }
    }

    @Test func aSuiteComparedWithAnotherDrawOfTheSameNoiseHasNoRegression() throws {
        // 10 simulated A/A comparisons of 100 configurations x 8 forks, +-10 % noise per fork.
        var falseAlarms = 0
        for seed in stride(from: UInt64(10), to: 30, by: 2) {
            let result = try BenchComparator.compare(base: suite(count: 100, seed: seed), new: suite(count: 100, seed: seed + 1),
                                                     options: Self.fast)
            falseAlarms += result.count(.regression) + result.count(.improvement)
        }
        #expect(falseAlarms == 0)
    }

    @Test func judgeVetoesWithTheAdjustedPWhenTheTestCanDecide() throws {
        let base = [100.0, 101, 102, 103, 104, 105, 106, 107], new = base.map { $0 * 1.3 }
        var g = SeededGenerator(seed: 3)
        let interval = try #require(BootstrapRatioInterval(base: base, new: new, generator: &g))
        let test = try #require(MannWhitneyTest(base: base, new: new))
        #expect(CompareVerdict.rankTestCanDecide(test, alpha: 0.05, familySize: 100))
        #expect(!CompareVerdict.rankTestCanDecide(test, alpha: 0.05, familySize: 1000))
        func judge(_ p: Double, family: Int) -> CompareVerdict {
            CompareVerdict.judge(interval: interval, test: test, adjustedP: p, familySize: family,
                                 metric: .nsPerMessage, threshold: .default)
        }
        #expect(judge(0.01, family: 100) == .regression)
        #expect(judge(0.2, family: 100) == .unchanged)
        // A family too large for 8 vs 8 to reach significance: no veto, the interval decides.
        #expect(judge(0.2, family: 1000) == .regression)
    }
}
