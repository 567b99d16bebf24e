/// What a run measures, and so what its hot path may cost.
///
/// A clock read costs about as much as a fast channel's whole hand-off, so one instrument
/// cannot give both figures: `throughput` runs read no clock per message (only at the start
/// and end of the traffic) and report ns/msg but no latency; `latency` runs stamp messages
/// (every k-th, `--latency-sample`; every one for pingpong and `--rate`) and report the
/// percentiles, their ns/msg inflated by the clock reads. Both keep the full oracle. The CSV
/// `mode` column says which measured a row; compare never matches rows of different modes.
public enum MeasurementMode: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case throughput
    case latency

    public var description: String { rawValue }
}
