/// Compares two bench CSVs configuration by configuration (see `CompareVerdict` for the rule).
///
/// Uses every repetition, never one number. Rows with `verified=false` never contribute a
/// measurement: in NEW they make the configuration `failed`; in BASE they are dropped with a
/// note. Deterministic: the bootstrap for each configuration is seeded from `options.seed` and
/// the configuration's name, so output is identical across runs and row orders.
public enum BenchComparator {
    /// Compares NEW against BASE.
    /// - Throws: `CompareError.metricNotInFile` when a file lacks the metric column,
    ///   `.noOverlap` when the files share no configuration, `.badValue` for unparsable fields.
    public static func compare(base: BenchCSVFile, new: BenchCSVFile,
                               options: CompareOptions = .init()) throws(CompareError) -> BenchComparison {
        for file in [base, new] where !file.hasColumn(options.metric.name) {
            throw .metricNotInFile(path: file.path, metric: options.metric.name)
        }
        let baseGroups = try groups(of: base, metric: options.metric)
        let newGroups = try groups(of: new, metric: options.metric)
        if Set(baseGroups.keys).isDisjoint(with: newGroups.keys) {
            throw .noOverlap(basePath: base.path, newPath: new.path)
        }
        let keys = Set(baseGroups.keys).union(newGroups.keys).sorted()
        // The family for the multiple-comparison correction: every configuration that gets a
        // measured verdict (both sides have values and NEW has no failed row).
        let judged = keys.filter { isJudged(base: baseGroups[$0], new: newGroups[$0]) }
        let rawP = judged.map { key -> Double in
            let s = samples(base: baseGroups[key], new: newGroups[key])
            return MannWhitneyTest(base: s.base, new: s.new)?.pValue ?? 1
        }
        let adjusted = options.correction == .holm ? HolmCorrection.adjusted(rawP) : rawP
        let adjustedByKey = Dictionary(uniqueKeysWithValues: zip(judged, adjusted))
        let familySize = options.correction == .holm ? max(judged.count, 1) : 1
        let results = keys.map { key in
            compare(key: key, base: baseGroups[key], new: newGroups[key], options: options,
                    adjustedP: adjustedByKey[key], familySize: familySize)
        }
        return BenchComparison(
            basePath: base.path, newPath: new.path,
            baseProvenance: provenance(of: base), newProvenance: provenance(of: new),
            options: options, configurations: results.sorted(by: worseFirst),
            warnings: machineWarnings(base: base, new: new)
                + smallSampleWarnings(results, options: options, familySize: familySize))
    }

    /// Whether a configuration gets a measured verdict (regression, improvement or unchanged).
    static func isJudged(base: Group?, new: Group?) -> Bool {
        guard let base, let new, new.failedRows == 0 else { return false }
        let s = samples(base: base, new: new)
        return !s.base.isEmpty && !s.new.isEmpty
    }

    /// The repetitions of one configuration in one file.
    struct Group {
        var family = ""
        var values: [Double] = []
        /// The run (see `BenchCSVFile.runID`) of each entry of `values`.
        var runs: [String] = []
        var failedRows = 0
        var rowsWithoutValue = 0

        /// Each run's median, in order of first appearance.
        var runMedians: [Double] {
            var order: [String] = []
            var byRun: [String: [Double]] = [:]
            for (run, value) in zip(runs, values) {
                if byRun[run] == nil { order.append(run) }
                byRun[run, default: []].append(value)
            }
            return order.compactMap { SampleStatistics.median(byRun[$0] ?? []) }
        }
    }

    /// The samples the statistics use, and what one sample is.
    ///
    /// Repetitions inside one `chanbench run` share its machine state (load from other jobs,
    /// frequency, cache warmth), so they vary less than separate runs do; treating them as
    /// independent makes intervals too narrow and the gate cry wolf on drift. When both sides
    /// hold at least 2 runs (the A/B script's rounds, or joined files), each run contributes its
    /// median as one sample. With a single run per side, repetitions are all there is.
    static func samples(base: Group?, new: Group?) -> (base: [Double], new: [Double], unit: SampleUnit) {
        let baseRuns = base?.runMedians ?? [], newRuns = new?.runMedians ?? []
        if baseRuns.count >= 2 && newRuns.count >= 2 { return (baseRuns, newRuns, .run) }
        return (base?.values ?? [], new?.values ?? [], .repetition)
    }

    static func groups(of file: BenchCSVFile, metric: CompareMetric) throws(CompareError) -> [BenchConfigurationKey: Group] {
        var groups: [BenchConfigurationKey: Group] = [:]
        for row in file.rows {
            let key = try BenchConfigurationKey(row: row, of: file)
            var group = groups[key] ?? Group()
            if group.family.isEmpty { group.family = file.text("family", in: row) ?? "" }
            if try file.verified(in: row) {
                if let value = try file.measurement(metric.name, in: row) {
                    group.values.append(value)
                    group.runs.append(file.runID(of: row))
                } else {
                    group.rowsWithoutValue += 1
                }
            } else {
                group.failedRows += 1
            }
            groups[key] = group
        }
        return groups
    }

    static func compare(key: BenchConfigurationKey, base: Group?, new: Group?, options: CompareOptions,
                        adjustedP: Double?, familySize: Int) -> ConfigurationComparison {
        var notes: [String] = []
        let (baseValues, newValues, unit) = samples(base: base, new: new)
        if let base, base.failedRows > 0 {
            notes.append("BASE had \(base.failedRows) failed repetition(s), excluded")
        }
        if let new, new.failedRows > 0 {
            notes.append("NEW has \(new.failedRows) repetition(s) with verified=false")
        }
        for (side, group) in [("BASE", base), ("NEW", new)] {
            if let group, group.rowsWithoutValue > 0 {
                notes.append("\(side) has \(group.rowsWithoutValue) repetition(s) without \(options.metric)")
            }
        }
        var generator = SeededGenerator(
            seed: options.seed ^ SeededGenerator.stableHash(key.description + "|" + options.metric.name))
        let interval = BootstrapRatioInterval(base: baseValues, new: newValues, confidence: options.confidence,
                                              resamples: options.resamples, generator: &generator)
        let test = MannWhitneyTest(base: baseValues, new: newValues)
        let baseMedian = SampleStatistics.median(baseValues), newMedian = SampleStatistics.median(newValues)
        let ratio: Double? = if let baseMedian, let newMedian {
            SampleStatistics.ratio(newMedian, baseMedian)
        } else { nil }

        let verdict: CompareVerdict
        if let new, new.failedRows > 0 {
            verdict = .failed
        } else if base == nil {
            verdict = .new
        } else if new == nil {
            verdict = .missing
        } else if baseValues.isEmpty {
            verdict = .new
            notes.append("no verified BASE measurement to compare with")
        } else if newValues.isEmpty {
            verdict = .missing
            notes.append("no NEW measurement of \(options.metric)")
        } else {
            if interval == nil {
                notes.append("fewer than 2 repetitions on a side: not enough to judge")
            }
            verdict = CompareVerdict.judge(interval: interval, test: test, adjustedP: adjustedP, familySize: familySize,
                                           metric: options.metric, threshold: options.threshold)
        }
        return ConfigurationComparison(
            key: key, family: (new?.family).flatMap { $0.isEmpty ? nil : $0 } ?? base?.family ?? "",
            metric: options.metric, unit: unit, baseValues: baseValues, newValues: newValues,
            baseMedian: baseMedian, newMedian: newMedian, ratio: ratio, interval: interval,
            test: test, adjustedP: adjustedP, verdict: verdict, notes: notes)
    }

    static func worseFirst(_ a: ConfigurationComparison, _ b: ConfigurationComparison) -> Bool {
        if a.verdict.severity != b.verdict.severity { return a.verdict.severity < b.verdict.severity }
        let ra = a.costRatio ?? -1, rb = b.costRatio ?? -1
        if ra != rb { return ra > rb }
        return a.key < b.key
    }

    static func provenance(of file: BenchCSVFile) -> String {
        var parts: [String] = []
        let commits = file.metadataValues("git_commit")
        if !commits.isEmpty { parts.append("commit \(commits.joined(separator: "+"))") }
        if let date = file.metadata("date") { parts.append(date) }
        return parts.joined(separator: ", ")
    }

    /// Verdicts from samples too small for the (corrected) rank test rest on the interval alone.
    /// That is sound against noise *within* a process, but not against what differs *between*
    /// processes: an A/A experiment here (11 single-process quick runs of one build) found a
    /// configuration's median moving 14 % between runs (median; 53 % at p90) while its
    /// repetitions inside a run agreed within a few percent, and compared run with run it
    /// called 8 % of the configurations regressions. Say so, and say what gives trustworthy
    /// evidence.
    static func smallSampleWarnings(_ results: [ConfigurationComparison], options: CompareOptions,
                                    familySize: Int) -> [String] {
        let alpha = 1 - options.confidence
        let judged = results.filter { $0.verdict != .missing && $0.verdict != .new && $0.interval != nil }
        let small = judged.filter { !CompareVerdict.rankTestCanDecide($0.test, alpha: alpha, familySize: familySize) }
        guard !small.isEmpty else { return [] }
        let sizes = Set(small.map { "\($0.baseValues.count) vs \($0.newValues.count)" }).sorted().joined(separator: ", ")
        return ["\(small.count) of \(judged.count) configurations have too few samples for the rank test (\(sizes)): "
            + "their verdicts rest on the interval alone and cannot tell a change from machine drift between runs; "
            + "for a trustworthy gate give each side more processes (chanbench run --forks 8, as the quick suite does, "
            + "or make compare)"]
    }

    /// Ratios across machines measure the machines, not the change: say so.
    static func machineWarnings(base: BenchCSVFile, new: BenchCSVFile) -> [String] {
        var warnings: [String] = []
        for key in ["cpu_model", "cores"] {
            let b = base.metadataValues(key), n = new.metadataValues(key)
            if !b.isEmpty, !n.isEmpty, Set(b) != Set(n) {
                warnings.append("BASE and NEW differ in \(key) (\(b.joined(separator: "/")) vs \(n.joined(separator: "/"))): ratios include the machine difference")
            }
        }
        return warnings
    }
}
