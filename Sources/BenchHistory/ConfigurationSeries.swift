import BenchModel
import BenchCompare

/// One configuration's figures over commits on one machine class: one point per commit, the
/// median of every repetition of every run of that commit, commits in the order of their first
/// run's date (the store knows dates, not the git graph).
package struct ConfigurationSeries: Sendable, Equatable {
    package struct Point: Sendable, Equatable {
        package var commit: String
        /// The date of the commit's first run.
        package var date: String
        package var median: Double
        package var samples: Int
    }

    package var configuration: BenchConfigurationKey
    package var points: [Point]

    /// Groups `samples` (any order of configurations, sorted by date) into series, by configuration.
    package static func build(_ samples: [HistorySample]) -> [ConfigurationSeries] {
        var byConfiguration: [BenchConfigurationKey: (order: [String], dates: [String: String], values: [String: [Double]])] = [:]
        for s in samples.sorted(by: { $0.date < $1.date }) {
            var entry = byConfiguration[s.configuration] ?? ([], [:], [:])
            if entry.values[s.commit] == nil {
                entry.order.append(s.commit)
                entry.dates[s.commit] = s.date
            }
            entry.values[s.commit, default: []].append(s.value)
            byConfiguration[s.configuration] = entry
        }
        return byConfiguration.keys.sorted().map { key in
            let entry = byConfiguration[key]!
            let points = entry.order.map { commit in
                let values = entry.values[commit]!
                return Point(commit: commit, date: entry.dates[commit]!, median: SampleStatistics.median(values)!, samples: values.count)
            }
            return ConfigurationSeries(configuration: key, points: points)
        }
    }
}
