import Channels

/// The named suites. Each is a list of parameter matrices designed so the charts have data:
/// the four-capacity grid (0, 1, 1024, unbounded) × every workload for every implementation,
/// and — in `default` and `full` — a producer-count scaling sweep, a capacity sweep
/// (1 … 65536, log-spaced), a message-size sweep (8 … 65536 bytes), pingpong latency and
/// crossbeam's select benchmarks.
/// Budgets on the 2-core reference machine: quick ~90 s (8 processes), default < 5 min
/// (`make bench` measured 89 s on an otherwise loaded machine).
public enum BenchSuite: String, Sendable, CaseIterable {
    case quick
    case `default`
    case full

    /// One line for `chanbench list`.
    public var summary: String {
        switch self {
        case .quick: return "4-capacity grid x all workloads, 20k msgs (pingpong 4k round trips) sized to 30-250 ms per rep, 8 forks x (1 short warmup + 1 rep) (~90 s; CI gate, A/B and baseline)"
        case .default: return "grid 40k msgs + scaling, capacity and message-size sweeps (10-16k msgs), 1 short warmup + 3 reps (< 5 min; make bench)"
        case .full: return "grid 1M msgs + wider sweeps incl. consumer scaling, 1 short warmup + 5 reps (long)"
        }
    }

    public var repetitions: Int {
        switch self {
        case .quick: return 1
        case .default: return 3
        case .full: return 5
        }
    }

    public var warmup: Int { 1 }

    /// Fresh processes the suite runs in, one after another ("forks", as JMH calls them);
    /// compare takes one sample per process.
    ///
    /// The quick suite feeds the regression gate. An A/A experiment here (11 single-process runs
    /// of one build) showed why a single process is not enough evidence: a configuration's
    /// median moved 14 % between processes (median; 53 % at p90), because the heap layout,
    /// where the threads and the cooperative pool land, and the moment's load are fixed for a
    /// process's lifetime, while its repetitions agreed within a few percent — so run against
    /// run, 8 % of configurations looked like regressions. Eight processes of one repetition
    /// each sample that variation at the cost of five repetitions in one, and 8 vs 8 lets the
    /// rank test reach p = 1.6e-4, enough to survive Holm's correction over the ~100
    /// configurations judged together.
    public var forks: Int {
        switch self {
        case .quick: return 8
        case .default, .full: return 1
        }
    }

    /// Duration range of a measured repetition (see ``RepetitionSizing``).
    ///
    /// The quick suite feeds the regression gate and `make compare`, where a verdict must not
    /// hinge on one preemption: its fixed 20k messages last ~0.2 ms on fast channels, so they
    /// grow to >= 30 ms (many scheduler slices), while slow runs (condvar rendezvous) shrink to
    /// <= 0.25 s. The other suites keep fixed counts: their message totals are
    /// what the charts and the report name.
    package var sizing: RepetitionSizing {
        switch self {
        case .quick: return RepetitionSizing(minimumSeconds: 0.03, maximumSeconds: 0.25)
        case .default, .full: return .off
        }
    }

    /// The standard four capacities of the overview chart.
    public static let gridCapacities: [ChannelCapacity] = [.bounded(0), .bounded(1), .bounded(1024), .unbounded]
    /// 1, 4, 16 … 65536.
    public static let capacitySweep: [ChannelCapacity] = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536].map { .bounded($0) }
    public static let messageSizeSweep = [8, 64, 256, 1024, 4096, 65536]

    public var parameterSets: [RunParameters] {
        switch self {
        case .quick:
            return grid(messages: 20_000, streamLatency: false)
        case .default:
            return grid(messages: 40_000, streamLatency: true) + [
                // Scaling: producers 1…16 into one consumer and into four.
                RunParameters(workloads: [.mpsc, .mpmc], producers: [1, 2, 4, 8, 16], consumers: [4],
                              capacities: [.bounded(1024)], messageSizes: [8], messages: 16_000, modes: [.throughput]),
                // Capacity sweep.
                RunParameters(workloads: [.spsc, .mpmc], producers: [4], consumers: [4],
                              capacities: BenchSuite.capacitySweep, messageSizes: [8], messages: 16_000, modes: [.throughput]),
                // Message-size sweep.
                RunParameters(workloads: [.spsc], producers: [1], consumers: [1],
                              capacities: [.bounded(1024)], messageSizes: BenchSuite.messageSizeSweep, messages: 10_000,
                              modes: [.throughput]),
            ] + select(messages: 40_000)
        case .full:
            return grid(messages: 1_000_000, streamLatency: true) + [
                RunParameters(workloads: [.mpsc, .mpmc], producers: [1, 2, 4, 8, 16], consumers: [1, 2, 4, 8, 16],
                              capacities: [.bounded(1024)], messageSizes: [8], messages: 480_000, modes: [.throughput]),
                RunParameters(workloads: [.spsc, .mpsc, .mpmc], producers: [4], consumers: [4],
                              capacities: BenchSuite.capacitySweep + [.unbounded], messageSizes: [8], messages: 480_000,
                              modes: [.throughput]),
                RunParameters(workloads: [.spsc, .mpmc], producers: [4], consumers: [4],
                              capacities: [.bounded(1024), .unbounded], messageSizes: BenchSuite.messageSizeSweep, messages: 100_000,
                              modes: [.throughput]),
            ] + select(messages: 1_000_000)
        }
    }

    /// crossbeam's select benchmarks over the grid's capacities: `select_rx` (4 producers on a
    /// channel each, one consumer selecting over the four) and `select_both` (4 producers and 4
    /// consumers all selecting over 4 channels). Implementations that cannot take part in a
    /// select skip them.
    private func select(messages: Int) -> [RunParameters] {
        [RunParameters(workloads: [.selectRx], producers: [4], consumers: [1], capacities: BenchSuite.gridCapacities,
                       messageSizes: [8], messages: messages, modes: [.throughput]),
         RunParameters(workloads: [.selectBoth], producers: [4], consumers: [4], capacities: BenchSuite.gridCapacities,
                       messageSizes: [8], messages: messages, modes: [.throughput])]
    }

    /// The overview grid. Pingpong does a fifth of the round trips: each one costs two
    /// hand-offs and, at capacity 0/1, several context switches.
    ///
    /// ns/msg comes from throughput-mode rows (no clock on the hot path); `streamLatency`
    /// adds a latency-mode run of every stream configuration for its percentiles (the quick
    /// suite gates on ns/msg and keeps its budget without them). Pingpong, the latency
    /// workload, runs in both modes.
    private func grid(messages: Int, streamLatency: Bool) -> [RunParameters] {
        let modes: [MeasurementMode] = streamLatency ? [.throughput, .latency] : [.throughput]
        return [RunParameters(workloads: [.seq, .spsc, .mpsc, .mpmc], producers: [4], consumers: [4],
                              capacities: BenchSuite.gridCapacities, messageSizes: [8], messages: messages, modes: modes),
                RunParameters(workloads: [.pingpong], producers: [1], consumers: [1],
                              capacities: BenchSuite.gridCapacities, messageSizes: [8], messages: messages / 5,
                              modes: MeasurementMode.allCases)]
    }
}
