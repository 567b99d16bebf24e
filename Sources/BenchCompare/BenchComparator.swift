import BenchSupport
import BenchModel

/// Compares two bench CSVs configuration by configuration (see `CompareVerdict` for the rule).
///
/// Uses every repetition, never one number. Rows with `verified=false` never contribute a
/// measurement: in NEW they make the configuration `failed`; in BASE they are dropped with a
/// note. Deterministic: the bootstrap for each configuration is seeded from `options.seed` and
/// the configuration's name, so output is identical across runs and row orders.
package enum BenchComparator {
    /// Compares NEW against BASE, both read already.
    /// - Throws: `.file(.metricNotInFile)` when a file lacks the metric column,
    ///   `.noOverlap` when the files share no configuration, `.file(.badValue)` for unparsable fields,
    ///   `.noUsableFigures` when a side has no verified measurement at all.
    package static func compare(base: BenchCSVFile, new: BenchCSVFile,
                               options: CompareOptions = .init()) throws(CompareError) -> BenchComparison {
        let work = workColumns(base: base, new: new)
        var baseSide = Side(metric: options.metric, work: work.shared)
        var newSide = Side(metric: options.metric, work: work.shared)
        do throws(ResultsFileError) {
            for row in base.rows { try baseSide.add(row, of: base) }
            for row in new.rows { try newSide.add(row, of: new) }
        } catch {
            throw .file(error)
        }
        return try compare(base: base, baseSide, new: new, newSide, options: options, warnings: work.warnings)
    }

    /// Compares the files at two paths, streaming them (memory does not grow with the rows).
    /// Unless `acceptPartial`, a file without a `complete` trailer is refused (`.partialFile`).
    package static func compare(basePath: String, newPath: String, options: CompareOptions = .init(), acceptPartial: Bool = false,
                               progress: ((String) -> Void)? = nil) throws(CompareError) -> BenchComparison {
        var baseSide: Side
        var newSide: Side
        let base: BenchCSVFile
        let new: BenchCSVFile
        let warnings: [String]
        do throws(ResultsFileError) {
            let baseHeader = try BenchCSVReader.header(path: basePath)
            let newHeader = try BenchCSVReader.header(path: newPath)
            let work = workColumns(base: baseHeader, new: newHeader)
            warnings = work.warnings
            var baseRows = Side(metric: options.metric, work: work.shared)
            base = try BenchCSVReader.stream(path: basePath, progress: progress) { file, row throws(ResultsFileError) in
                try baseRows.add(row, of: file)
            }
            var newRows = Side(metric: options.metric, work: work.shared)
            new = try BenchCSVReader.stream(path: newPath, progress: progress) { file, row throws(ResultsFileError) in
                try newRows.add(row, of: file)
            }
            baseSide = baseRows
            newSide = newRows
            if !acceptPartial {
                for file in [base, new] {
                    if let reason = file.partialReason { throw ResultsFileError.partialFile(path: file.path, reason: reason) }
                }
            }
        } catch {
            throw .file(error)
        }
        return try compare(base: base, baseSide, new: new, newSide, options: options, warnings: warnings)
    }

    /// The work columns both files have (they join the key), and a warning for each only one has.
    static func workColumns(base: BenchCSVFile, new: BenchCSVFile) -> (shared: Set<String>, warnings: [String]) {
        var shared: Set<String> = []
        var warnings: [String] = []
        for column in BenchConfigurationKey.workColumns {
            switch (base.hasColumn(column), new.hasColumn(column)) {
            case (true, true): shared.insert(column)
            case (false, false): break
            case (let b, _):
                warnings.append("\(b ? new.path : base.path) has no \(column) column (written by an older chanbench): "
                    + "configurations are matched without it, so runs that differ in it may be compared")
            }
        }
        return (shared, warnings)
    }

    /// Every configuration of one file, grouped as the rows arrive.
    struct Side {
        let metric: CompareMetric
        let work: Set<String>
        var groups: [BenchConfigurationKey: Group] = [:]
        /// Run IDs interned: a 300k-row file repeats a handful of them.
        var runIndex: [String: Int] = [:]
        var usableValues = 0

        init(metric: CompareMetric, work: Set<String>) {
            self.metric = metric
            self.work = work
        }

        mutating func add(_ row: BenchCSVFile.Row, of file: BenchCSVFile) throws(ResultsFileError) {
            if let missing = metric.missingColumn(in: file) { throw .metricNotInFile(path: file.path, metric: missing) }
            let key = try BenchConfigurationKey(row: row, of: file, work: work)
            var group = groups[key] ?? Group()
            if group.family.isEmpty { group.family = file.text("family", in: row) ?? "" }
            if let messages = file.text("messages", in: row).flatMap({ Int($0) }), file.text("repetition", in: row) != "0" {
                group.messageCounts.insert(messages)
            }
            if try file.verified(in: row) {
                let value = try metric.value(in: row, of: file)
                // A verified run always has its throughput figures: none, or zero, is a broken
                // row, not a sample (and 0 ns/msg would read as a -100 % "improvement").
                if metric.requiredWhenVerified, value == nil || value == 0 {
                    throw .verifiedWithoutFigure(path: file.path, line: row.line, column: metric.name,
                                                 value: file.text(metric.name, in: row) ?? "")
                }
                if let value {
                    let id = file.runID(of: row)
                    let run = runIndex[id] ?? runIndex.count
                    runIndex[id] = run
                    group.values.append(value)
                    group.runs.append(run)
                    usableValues += 1
                } else {
                    group.rowsWithoutValue += 1
                }
            } else {
                group.failedRows += 1
            }
            groups[key] = group
        }
    }

    static func compare(base: BenchCSVFile, _ baseSide: Side, new: BenchCSVFile, _ newSide: Side,
                        options: CompareOptions, warnings: [String]) throws(CompareError) -> BenchComparison {
        for file in [base, new] {
            if let missing = options.metric.missingColumn(in: file) { throw .file(.metricNotInFile(path: file.path, metric: missing)) }
        }
        let baseGroups = baseSide.groups
        let newGroups = newSide.groups
        // A side without one verified figure cannot be compared: saying "N missing" and passing
        // would let a run that measured nothing through the gate.
        // (Only failed rows is different: that is the `failed` verdict, exit 2.)
        for (file, side) in [(base, baseSide), (new, newSide)]
        where side.usableValues == 0 && !side.groups.values.contains(where: { $0.failedRows > 0 }) {
            throw .noUsableFigures(path: file.path, metric: options.metric.name)
        }
        if Set(baseGroups.keys).isDisjoint(with: newGroups.keys) {
            throw .noOverlap(basePath: base.path, newPath: new.path)
        }
        let keys = Set(baseGroups.keys).union(newGroups.keys).sorted()
        // The family for the multiple-comparison correction: every configuration that gets a
        // measured verdict (both sides have values and NEW has no failed row).
        let judged = options.metric.exact ? [] : keys.filter { isJudged(base: baseGroups[$0], new: newGroups[$0]) }
        let rawP = judged.map { key -> Double in
            let s = samples(base: baseGroups[key], new: newGroups[key])
            return MannWhitneyTest(base: s.base, new: s.new)?.pValue ?? 1
        }
        let adjusted = options.correction == .holm ? HolmCorrection.adjusted(rawP) : rawP
        let adjustedByKey = Dictionary(uniqueKeysWithValues: zip(judged, adjusted))
        let familyIndex = Dictionary(uniqueKeysWithValues: judged.enumerated().map { ($1, $0) })
        let familySize = options.correction == .holm ? max(judged.count, 1) : 1
        let results = keys.map { key in
            compare(key: key, base: baseGroups[key], new: newGroups[key], options: options,
                    adjustedP: adjustedByKey[key], family: (rawP, familyIndex[key]), familySize: familySize)
        }
        return BenchComparison(
            basePath: base.path, newPath: new.path,
            baseProvenance: provenance(of: base), newProvenance: provenance(of: new),
            options: options, configurations: results.sorted(by: worseFirst),
            warnings: warnings + singleProcessWarnings(results) + machineWarnings(base: base, new: new)
                + messageCountWarnings(base: baseGroups, new: newGroups)
                + smallSampleWarnings(results, options: options, familySize: familySize))
    }

    /// Whether a configuration gets a measured verdict (regression, improvement or unchanged).
    static func isJudged(base: Group?, new: Group?) -> Bool {
        guard let base, let new, new.failedRows == 0 else { return false }
        let s = samples(base: base, new: new)
        return s.base.count >= 2 && s.new.count >= 2
    }

    /// The repetitions of one configuration in one file.
    struct Group {
        var family = ""
        var values: [Double] = []
        /// The run (see `BenchCSVFile.runID`, interned per file) of each entry of `values`.
        var runs: [Int] = []
        /// Message counts of the measured rows.
        var messageCounts: Set<Int> = []
        var failedRows = 0
        var rowsWithoutValue = 0

        /// Each run's median, in order of first appearance.
        var runMedians: [Double] {
            var order: [Int] = []
            var byRun: [Int: [Double]] = [:]
            for (run, value) in zip(runs, values) {
                if byRun[run] == nil { order.append(run) }
                byRun[run, default: []].append(value)
            }
            return order.compactMap { SampleStatistics.median(byRun[$0] ?? []) }
        }
    }

    /// The samples the statistics use: one per process, its median.
    ///
    /// Repetitions inside one process share its heap layout, thread placement and moment (load
    /// from other jobs, frequency), so they agree with each other far better than two processes
    /// do; judged as independent, they make intervals too narrow, and a plain A/A of one binary
    /// run twice was called a regression in 3 of 6 configurations. A side with a single process
    /// therefore gives one sample, and the configuration is `inconclusive`.
    static func samples(base: Group?, new: Group?) -> (base: [Double], new: [Double]) {
        (base?.runMedians ?? [], new?.runMedians ?? [])
    }

    static func compare(key: BenchConfigurationKey, base: Group?, new: Group?, options: CompareOptions,
                        adjustedP: Double?, family: (rawP: [Double], index: Int?), familySize: Int) -> ConfigurationComparison {
        var notes: [String] = []
        let (baseValues, newValues) = samples(base: base, new: new)
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
        // One process a side: no test, it would only restate the two medians' order.
        let test = baseValues.count >= 2 && newValues.count >= 2 ? MannWhitneyTest(base: baseValues, new: newValues) : nil
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
        } else if options.metric.exact, let ratio {
            verdict = CompareVerdict.judgeExact(costRatio: options.metric.costRatio(ratio), threshold: options.threshold)
            for (side, values) in [("BASE", baseValues), ("NEW", newValues)] where Set(values).count > 1 {
                notes.append("\(side)'s \(values.count) processes disagree (\(Set(values).count) distinct values): not deterministic")
            }
        } else if baseValues.count < 2 || newValues.count < 2 {
            verdict = .inconclusive  // said once for all of them: `singleProcessWarnings`
        } else {
            verdict = CompareVerdict.judge(interval: interval, test: test, adjustedP: adjustedP, familySize: familySize,
                                           metric: options.metric, threshold: options.threshold)
        }
        var minimumDetectable: Double?
        if options.metric.exact, [.regression, .improvement, .unchanged].contains(verdict) {
            minimumDetectable = options.threshold.regressionBound  // no noise: the threshold itself
        } else if let interval, [.regression, .improvement, .unchanged].contains(verdict) {
            minimumDetectable = MinimumDetectableEffect.costRatio(
                base: baseValues, new: newValues, interval: interval, family: family.rawP, index: family.index,
                options: options, familySize: familySize)
        }
        return ConfigurationComparison(
            key: key, family: (new?.family).flatMap { $0.isEmpty ? nil : $0 } ?? base?.family ?? "",
            metric: options.metric, baseValues: baseValues, newValues: newValues,
            baseMedian: baseMedian, newMedian: newMedian, ratio: ratio, interval: interval,
            test: test, adjustedP: adjustedP, verdict: verdict, minimumDetectable: minimumDetectable, notes: notes)
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

    /// One line for every `inconclusive` configuration: why, and how to get evidence.
    static func singleProcessWarnings(_ results: [ConfigurationComparison]) -> [String] {
        let inconclusive = results.filter { $0.verdict == .inconclusive }
        guard !inconclusive.isEmpty else { return [] }
        let sizes = Set(inconclusive.map { "\($0.baseValues.count) vs \($0.newValues.count)" }).sorted().joined(separator: ", ")
        return ["\(inconclusive.count) of \(results.count) configurations are inconclusive: a side was measured by a single "
            + "process (\(sizes) processes), and repetitions inside one process are not independent evidence; to gate, "
            + "give each side several processes: chanbench run --forks 8 (the quick suite's default), or make compare BASE=<ref>"]
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

    /// Per-message figures from different message counts may differ for that reason alone
    /// (warm-up, queue build-up): say so instead of silently comparing them.
    static func messageCountWarnings(base: [BenchConfigurationKey: Group], new: [BenchConfigurationKey: Group]) -> [String] {
        let differing = base.keys.filter { key in
            guard let b = base[key]?.messageCounts, let n = new[key]?.messageCounts, !b.isEmpty, !n.isEmpty else { return false }
            return b != n
        }.sorted()
        guard let first = differing.first, let b = base[first], let n = new[first] else { return [] }
        func list(_ s: Set<Int>) -> String { s.sorted().map(String.init).joined(separator: "/") }
        return ["\(differing.count) configuration(s) were measured with different message counts in BASE and NEW "
            + "(e.g. \(first): \(list(b.messageCounts)) vs \(list(n.messageCounts))); per-message figures may differ for that "
            + "alone: measure NEW with --sizes-from BASE"]
    }

    /// Ratios across machines, or across set-ups that change the work (pinned threads, injected
    /// work), measure that difference as well as the change: say so.
    static func machineWarnings(base: BenchCSVFile, new: BenchCSVFile) -> [String] {
        var warnings: [String] = []
        for key in ["cpu_model", "cores", "pinned_threads", "injected_work_per_msg"] {
            let b = base.metadataValues(key), n = new.metadataValues(key)
            // Files from before a key existed, or without injected work, simply lack it.
            let describe = { (values: [String]) in values.isEmpty ? "none" : values.joined(separator: "/") }
            let absentMeansNone = key == "injected_work_per_msg"
            guard absentMeansNone ? (b != n) : (!b.isEmpty && !n.isEmpty && Set(b) != Set(n)) else { continue }
            warnings.append("BASE and NEW differ in \(key) (\(describe(b)) vs \(describe(n))): ratios include that difference")
        }
        return warnings
    }
}
