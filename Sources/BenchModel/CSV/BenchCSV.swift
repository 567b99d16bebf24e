import Foundation
import BenchSupport

/// The bench CSV contract (public: charts, compare and users' scripts read it). Columns in
/// exactly this order; more may follow `verified`, so readers look columns up by name.
package enum BenchCSV {
    /// The contract's columns, in order.
    package static let contractColumns = [
        "impl", "family", "driver", "workload", "producers", "consumers", "capacity", "message_bytes",
        "messages", "repetition", "seconds", "msgs_per_sec", "ns_per_msg", "cpu_user_s", "cpu_sys_s",
        "ctx_voluntary", "ctx_involuntary", "allocs_per_msg", "peak_allocated_bytes", "peak_rss_bytes",
        "lat_p50_ns", "lat_p90_ns", "lat_p99_ns", "lat_p999_ns", "lat_max_ns", "verified",
    ]

    /// Columns after `verified`: whether the implementation is lossy by design, how many
    /// messages it dropped, the open-loop rate (empty = closed loop), the failed invariant, and
    /// which process ("fork", 1-based) of a `--forks N` run measured the row (1 when unforked),
    /// and the options that change the work without being part of the configuration (latency
    /// sampling, the generic path), so compare never matches runs that did different work.
    /// compare treats each fork as one independent sample (see `BenchCSVFile.runID`).
    /// `mode` (last, so positional readers of the older columns keep working) is the
    /// ``MeasurementMode``: ns/msg of `throughput` rows, latency columns of `latency` rows.
    package static let extraColumns = ["lossy", "lost_messages", "rate_msgs_per_sec", "failure", "fork",
                                      "latency_sample_every", "generic_path", "mode"]

    package static var columns: [String] { contractColumns + extraColumns }

    /// One CSV row. A failed run leaves every figure empty and says `verified=false`.
    package static func row(_ r: RunResult, fork: Int = 1, options: RunOptions = RunOptions()) -> [String] {
        let c = r.configuration
        let m = r.metrics
        func num(_ v: Double?, _ decimals: Int) -> String { v.map { DecimalText.exact($0, decimals) } ?? "" }
        func int(_ v: Int?) -> String { v.map(String.init) ?? "" }
        func u(_ v: UInt64?) -> String { v.map { String($0) } ?? "" }
        return [
            c.implementation.name, c.implementation.family, c.driver, c.workload.rawValue,
            String(c.producers), String(c.consumers), c.capacity.description, String(c.messageBytes),
            String(c.messages), String(r.repetition),
            num(m?.seconds, 6), num(m?.messagesPerSecond, 0), num(m?.nanosecondsPerMessage, 2),
            num(m?.cpuUserSeconds, 4), num(m?.cpuSystemSeconds, 4),
            int(m?.voluntaryContextSwitches), int(m?.involuntaryContextSwitches),
            num(m?.allocationsPerMessage, 3), int(m?.peakAllocatedBytes), int(m?.peakResidentBytes),
            u(m?.latency?.p50), u(m?.latency?.p90), u(m?.latency?.p99), u(m?.latency?.p999), u(m?.latency?.max),
            r.verified ? "true" : "false",
            c.implementation.lossy ? "true" : "false", String(r.lostMessages),
            c.rate.map(String.init) ?? "", r.failure ?? "", String(fork),
            String(options.latencySampleEvery), options.specializeBuiltIns ? "false" : "true",
            c.mode.rawValue,
        ]
    }

    /// `results/<UTC timestamp>.csv`, made unique with a `-2`, `-3`… suffix if a file of that
    /// name exists already (two runs in the same second), so nothing is ever overwritten.
    package static func timestampedPath(directory: String = "results", date: Date = Date()) -> String {
        uniquePath(directory: directory, stem: RunMetadata.fileTimestamp(date))
    }

    /// `<directory>/<stem>.csv`, or the first of `<stem>-2.csv`, `<stem>-3.csv`… not taken yet.
    /// Two processes can pick the same name: create it with ``CSVWriter/createNew(named:metadata:columns:mirrors:)``.
    package static func uniquePath(directory: String, stem: String) -> String {
        let base = (directory as NSString).appendingPathComponent(stem)
        var path = base + ".csv"
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(base)-\(n).csv"
            n += 1
        }
        return path
    }
}
