import Histogram

/// One consumer's latency histogram (HdrHistogram, 3 significant digits, 1 ns .. 60 s;
/// longer values are clamped to 60 s rather than dropped). Per consumer, so recording never
/// contends; merged with `add` after the run. Preallocated: recording never allocates.
package struct LatencyRecorder: Sendable {
    package static let highestTrackableNanoseconds: UInt64 = 60_000_000_000
    package private(set) var histogram: Histogram<UInt64>

    package init() {
        histogram = Histogram(lowestDiscernibleValue: 1,
                              highestTrackableValue: LatencyRecorder.highestTrackableNanoseconds,
                              numberOfSignificantValueDigits: .three)
    }

    @inline(__always)
    package mutating func record(nanoseconds: UInt64) {
        _ = histogram.record(Swift.min(Swift.max(nanoseconds, 1), LatencyRecorder.highestTrackableNanoseconds))
    }

    package mutating func merge(_ other: LatencyRecorder) { histogram.add(other.histogram) }

    package var count: UInt64 { histogram.totalCount }

    /// p50, p90, p99, p99.9 and max in ns, or `nil` if nothing was recorded.
    package var summary: LatencySummary? {
        guard histogram.totalCount > 0 else { return nil }
        return LatencySummary(p50: histogram.valueAtPercentile(50), p90: histogram.valueAtPercentile(90),
                              p99: histogram.valueAtPercentile(99), p999: histogram.valueAtPercentile(99.9),
                              max: histogram.max)
    }
}

/// Latency percentiles in nanoseconds.
public struct LatencySummary: Sendable, Equatable {
    public var p50: UInt64
    public var p90: UInt64
    public var p99: UInt64
    public var p999: UInt64
    public var max: UInt64
}
