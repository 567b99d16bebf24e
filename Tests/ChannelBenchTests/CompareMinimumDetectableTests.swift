import Testing
@testable import BenchSupport
@testable import BenchModel
@testable import BenchCompare

/// The minimum detectable effect is the compare rule's own: a slowdown of exactly the reported
/// size, put into the samples, is flagged; one 0.01 % smaller is not.
@Suite struct CompareMinimumDetectableTests {
    private static let header = CompareFamilyWiseTests.header
    /// The claim holds for any resample count; fewer keep a debug build quick.
    private static let options = CompareFamilyWiseTests.fast

    /// One fork's row; `value` goes into `metric`, the other throughput columns follow from it.
    private func row(_ impl: String, _ value: Double, metric: CompareMetric, fork: Int) -> String {
        let ns = metric.name == "msgs_per_sec" ? 1e9 / value : value
        let perSecond = metric.name == "msgs_per_sec" ? value : 1e9 / value
        return "\(impl),lock-free,threads,spsc,1,1,1024,64,1000,1,\(ns * 1e-6),\(perSecond),\(ns),0.1,0,1,1,0,1,1,1,1,1,1,1,true,\(fork)"
    }

    private func file(_ configurations: [(impl: String, values: [Double])], metric: CompareMetric, path: String) throws -> BenchCSVFile {
        var lines = [Self.header]
        for (impl, values) in configurations {
            lines += values.enumerated().map { row(impl, $1, metric: metric, fork: $0 + 1) }
        }
        return try BenchCSVReader.parse(lines.joined(separator: "\n") + "\n", path: path)
    }

    /// `count` configurations of 8 forks each around 100, with `spread` of continuous noise.
    private func suite(_ count: Int, seed: UInt64, spread: Double = 0.1) -> [(impl: String, values: [Double])] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            ("impl\(i)", (0..<8).map { _ in 100 * Double.random(in: (1 - spread)...(1 + spread), using: &g) })
        }
    }

    @Test(arguments: ["ns_per_msg", "msgs_per_sec"])
    func aSlowdownOfExactlyTheMDEIsFlaggedAndJustLessIsNot(metricName: String) throws {
        let metric = try CompareMetric(named: metricName)
        var options = Self.options
        options.metric = metric
        // Twelve configurations: the Holm step of the target depends on the others' p-values.
        let baseSuite = suite(12, seed: 1), newSuite = suite(12, seed: 2)
        let base = try file(baseSuite, metric: metric, path: "base.csv")
        let observed = try BenchComparator.compare(base: base, new: try file(newSuite, metric: metric, path: "new.csv"),
                                                   options: options)
        for target in ["impl3", "impl7"] {
            let c = try #require(observed.configurations.first { $0.key.impl == target })
            #expect(c.verdict == .unchanged)
            let mde = try #require(c.minimumDetectable)
            #expect(mde > options.threshold.regressionBound)
            let ratio = try #require(c.ratio)
            func verdict(injecting slowdown: Double) throws -> CompareVerdict {
                // NEW's own values, moved so that its median is BASE's times `slowdown` in cost.
                let factor = metric.lowerIsBetter ? slowdown / ratio : 1 / (ratio * slowdown)
                let injected = newSuite.map { $0.impl == target ? ($0.impl, $0.values.map { $0 * factor }) : $0 }
                let result = try BenchComparator.compare(base: base, new: try file(injected, metric: metric, path: "injected.csv"),
                                                         options: options)
                return try #require(result.configurations.first { $0.key.impl == target }).verdict
            }
            #expect(try verdict(injecting: mde) == .regression, "\(metricName) \(target) at MDE \(mde)")
            #expect(try verdict(injecting: mde - 0.0001) == .unchanged, "\(metricName) \(target) just below MDE \(mde)")
        }
    }

    @Test func noisierConfigurationsHaveALargerMDEAndTheSummaryCountsThoseThatSeeTenPercent() throws {
        let tight = suite(1, seed: 3, spread: 0.005).map { ("tight", $0.values) }
        let loose = suite(1, seed: 4, spread: 0.3).map { ("loose", $0.values) }
        let tightNew = suite(1, seed: 5, spread: 0.005).map { ("tight", $0.values) }
        let looseNew = suite(1, seed: 6, spread: 0.3).map { ("loose", $0.values) }
        let result = try BenchComparator.compare(base: try file(tight + loose, metric: .nsPerMessage, path: "b.csv"),
                                                 new: try file(tightNew + looseNew, metric: .nsPerMessage, path: "n.csv"),
                                                 options: Self.options)
        let t = try #require(result.configurations.first { $0.key.impl == "tight" }?.minimumDetectable)
        let l = try #require(result.configurations.first { $0.key.impl == "loose" }?.minimumDetectable)
        #expect(t <= 1.10 && l > 1.10)
        #expect(result.detection == (detectable: 1, measured: 2))
        #expect(CompareReportFormat.markdown.render(result).contains("1 of 2 configurations could see a 10% slowdown"))
        #expect(CompareReportFormat.text.render(result).contains("1 of 2 configurations could see a 10% slowdown"))
        #expect(CompareReportFormat.csv.render(result).split(separator: "\n")[0].hasSuffix(",p_adjusted,mde"))
    }

    @Test func inconclusiveConfigurationsDetectNothing() throws {
        let result = try BenchComparator.compare(base: BenchCSVReader.read(path: fixture("one-process-base.csv")),
                                                 new: BenchCSVReader.read(path: fixture("one-process-new.csv")))
        #expect(result.configurations.allSatisfy { $0.minimumDetectable == nil })
        #expect(result.detection == (detectable: 0, measured: 6))
    }
}
