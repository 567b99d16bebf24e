import Testing
@testable import BenchSupport
@testable import BenchCompare

/// The statistics behind the compare verdict, checked against known values and simulations.
@Suite struct CompareStatisticsTests {
    // MARK: random generator

    @Test func splitMix64MatchesTheReferenceSequence() {
        // First outputs of the reference SplitMix64 (Vigna) for seed 0.
        var g = SeededGenerator(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func stableHashIsFNV1a() {
        #expect(SeededGenerator.stableHash("") == 0xCBF2_9CE4_8422_2325)
        #expect(SeededGenerator.stableHash("a") == 0xAF63_DC4C_8601_EC8C)
    }

    // MARK: median

    @Test(arguments: [
        ([3.0], 3.0), ([1.0, 9.0], 5.0), ([5.0, 1.0, 3.0], 3.0), ([4.0, 1.0, 3.0, 2.0], 2.5),
    ])
    func median(of values: [Double], is expected: Double) {
        #expect(SampleStatistics.median(values) == expected)
    }

    @Test func medianOfNothingIsNil() {
        #expect(SampleStatistics.median([]) == nil)
    }

    @Test func ratioHandlesZeros() {
        #expect(SampleStatistics.ratio(0, 0) == 1)
        #expect(SampleStatistics.ratio(5, 0) == .infinity)
        #expect(SampleStatistics.ratio(3, 2) == 1.5)
    }

    // MARK: bootstrap

    @Test func bootstrapIsDeterministicForASeed() throws {
        let base = [100.0, 103, 98, 101, 99], new = [120.0, 118, 125, 119, 121]
        var g1 = SeededGenerator(seed: 42), g2 = SeededGenerator(seed: 42)
        var g3 = SeededGenerator(seed: 43)
        let a = try #require(BootstrapRatioInterval(base: base, new: new, generator: &g1))
        let b = try #require(BootstrapRatioInterval(base: base, new: new, generator: &g2))
        let c = try #require(BootstrapRatioInterval(base: base, new: new, resamples: 1000, generator: &g3))
        #expect(a == b)
        #expect(a.ratio == 120.0 / 100.0)
        #expect(a.low <= a.ratio && a.ratio <= a.high)
        #expect(c.ratio == a.ratio)
    }

    @Test func bootstrapNeedsTwoValuesPerSide() {
        var g = SeededGenerator(seed: 1)
        #expect(BootstrapRatioInterval(base: [1], new: [1, 2], generator: &g) == nil)
        #expect(BootstrapRatioInterval(base: [1, 2], new: [2], generator: &g) == nil)
        #expect(BootstrapRatioInterval(base: [1, 2], new: [2, 3], generator: &g) != nil)
    }

    @Test func threeRepetitionIntervalSpansTheExtremeRatios() throws {
        // With 3 values per side the resampled medians are observed values, so the 95 % interval
        // runs (almost exactly) from min(NEW)/max(BASE) to max(NEW)/min(BASE).
        var g = SeededGenerator(seed: 7)
        let i = try #require(BootstrapRatioInterval(base: [100, 101, 102], new: [130, 131, 132], generator: &g))
        #expect(i.low >= 130.0 / 102 && i.low <= 131.0 / 101)
        #expect(i.high <= 132.0 / 100 && i.high >= 131.0 / 101)
    }

    /// Simulates many experiments with a known true ratio of medians (1.3) and skewed noise:
    /// the 95 % interval must contain it in most of them and never be wildly off.
    @Test func bootstrapIntervalCoversTheTrueRatio() {
        var noise = SeededGenerator(seed: 2024)
        func sample(_ scale: Double, _ n: Int) -> [Double] {
            // Log-normal-ish, right-skewed timing noise with median exactly `scale`.
            (0..<n).map { _ in
                let u = (0..<6).map { _ in Double.random(in: -1...1, using: &noise) }.reduce(0, +) / 6
                return scale * (u >= 0 ? 1 + 0.15 * u : 1 / (1 - 0.15 * u))
            }
        }
        let trials = 100
        var covered = 0
        for trial in 0..<trials {
            var g = SeededGenerator(seed: UInt64(trial))
            let interval = BootstrapRatioInterval(base: sample(100, 12), new: sample(130, 12),
                                                  resamples: 1000, generator: &g)!
            if interval.low <= 1.3 && 1.3 <= interval.high { covered += 1 }
            #expect(interval.low > 1.0, "a 30 % shift with 12 samples must exclude 1")
        }
        // Nominal 95 %; the percentile bootstrap of a median is a little liberal at n = 12.
        #expect(covered >= trials * 88 / 100, "coverage \(covered)/\(trials)")
    }

    // MARK: Mann–Whitney U

    @Test func mannWhitneyCompleteSeparationThreeVersusThree() throws {
        let t = try #require(MannWhitneyTest(base: [1, 2, 3], new: [4, 5, 6]))
        #expect(t.uNew == 9)
        #expect(t.probabilityNewGreater == 1)
        #expect(abs(t.pValue - 0.1) < 1e-12)  // 2 of C(6,3) = 20 arrangements
        #expect(abs(t.minimumAchievableP - 0.1) < 1e-12)
        #expect(t.isExact)
    }

    @Test func mannWhitneyCompleteSeparationFourVersusFour() throws {
        let t = try #require(MannWhitneyTest(base: [1, 2, 3, 4], new: [8, 7, 6, 5]))
        #expect(abs(t.pValue - 2.0 / 70) < 1e-12)
        #expect(t.minimumAchievableP < 0.05)
    }

    @Test func mannWhitneyIdenticalSamplesHaveNoEvidence() throws {
        let t = try #require(MannWhitneyTest(base: [5, 5, 5], new: [5, 5, 5]))
        #expect(t.pValue == 1)
        #expect(t.minimumAchievableP == 1)
        #expect(t.probabilityNewGreater == 0.5)
    }

    @Test func mannWhitneyExactWithTiesMatchesBruteForcePermutation() throws {
        // Reference: enumerating all C(11,6) = 462 splits of the midranks gives 29 splits at
        // least as extreme (computed independently with scipy.stats.rankdata + itertools).
        let t = try #require(MannWhitneyTest(base: [1.1, 2.2, 2.2, 3.3, 5.0], new: [2.2, 4.4, 5.0, 6.1, 7.2, 8.3]))
        #expect(t.uNew == 25.5)
        #expect(abs(t.pValue - 29.0 / 462) < 1e-12)
    }

    @Test(arguments: [(3, 3), (2, 5), (5, 2), (4, 4)])
    func mannWhitneyExactMatchesEnumeration(nBase: Int, nNew: Int) throws {
        // Every split of 0..<n with ties folded in (values i/2 rounded) must agree with a
        // brute-force permutation count.
        let values = (0..<(nBase + nNew)).map { Double($0 / 2) }
        let base = Array(values.prefix(nBase)), new = Array(values.suffix(nNew))
        let t = try #require(MannWhitneyTest(base: base, new: new))
        #expect(abs(t.pValue - bruteForceP(base: base, new: new)) < 1e-12)
    }

    @Test func mannWhitneyNormalApproximationMatchesScipy() throws {
        // scipy.stats.mannwhitneyu(new, base, method='asymptotic', use_continuity=True)
        // gives U = 1159.5, p = 0.022572677969094034 for these rounded samples (ties included).
        let base: [Double] = [101.7, 104.1, 101.7, 93.5, 104.5, 102.2, 97.3, 102.9, 101.8, 101.5, 100.1, 102.7,
                              96.3, 99.2, 97.6, 103.0, 100.2, 98.5, 96.1, 98.7, 100.0, 98.6, 106.5, 105.0, 86.4,
                              90.6, 99.1, 97.9, 101.1, 101.1, 110.6, 94.4, 98.1, 110.2, 103.2, 103.3, 97.4, 91.8,
                              100.8, 100.5]
        let new: [Double] = [96.9, 99.6, 102.6, 98.3, 102.5, 103.5, 103.2, 100.5, 106.0, 107.5, 104.6, 98.9, 106.7,
                             100.5, 107.4, 97.6, 107.6, 102.9, 96.8, 101.4, 103.3, 104.4, 98.1, 97.5, 104.0, 100.7,
                             104.2, 106.8, 94.8, 104.3, 109.1, 101.5, 98.9, 106.8, 104.3, 107.5, 101.3, 95.6, 102.4,
                             100.8, 106.9, 104.0, 94.8, 97.0, 107.4]
        let t = try #require(MannWhitneyTest(base: base, new: new))
        #expect(!t.isExact)
        #expect(t.uNew == 1159.5)
        #expect(abs(t.pValue - 0.022572677969094034) < 1e-9)
    }

    /// Two-sided permutation p-value by enumerating every split (midranks for ties).
    private func bruteForceP(base: [Double], new: [Double]) -> Double {
        let pooled = base + new
        let n = pooled.count
        func midrank(_ x: Double) -> Double {
            let below = pooled.filter { $0 < x }.count, equal = pooled.filter { $0 == x }.count
            return Double(below) + Double(equal + 1) / 2
        }
        let ranks = pooled.map(midrank)
        let k = new.count
        let mean = Double(k * (n + 1)) / 2
        let observed = ranks.suffix(k).reduce(0, +)
        var all = 0, extreme = 0
        for mask in 0..<(1 << n) where mask.nonzeroBitCount == k {
            let sum = (0..<n).filter { mask & (1 << $0) != 0 }.map { ranks[$0] }.reduce(0, +)
            all += 1
            if abs(sum - mean) >= abs(observed - mean) - 1e-9 { extreme += 1 }
        }
        return Double(extreme) / Double(all)
    }
}
