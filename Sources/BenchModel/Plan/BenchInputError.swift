/// Bad input to a benchmark run, found *before* anything runs. The CLI prints
/// `error: <description>` (one line) and exits 1.
public enum BenchInputError: Error, Equatable, CustomStringConvertible {
    case unknownImplementation(String, known: [String])
    case unknownWorkload(String)
    case unknownSuite(String)
    case unknownMode(String)
    case rateNeedsLatencyMode
    case badCapacity(String)
    case badInteger(option: String, value: String)
    case notPositive(option: String, value: Int)
    case notPositiveSeconds(option: String, value: Double)
    case messageSizeTooSmall(Int)
    case capacityTooLarge(capacity: Int, messageBytes: Int, limit: Int)
    case messagesNotDivisible(messages: Int, producers: Int)
    case emptyList(option: String)
    case unwritableOutput(path: String, reason: String)
    /// The output opened but writing its header failed (a full disk, /dev/full).
    case writeFailed(CSVWriteError)
    case nothingToRun
    case conflictsWithSuite(option: String)
    case badRepetitionTime(option: String, value: String)
    case repetitionTimesInverted(minimum: Double, maximum: Double)
    case minimumTimeNeedsWarmup
    case badSizesFile(path: String, reason: String)
    case forkFailed(fork: Int, reason: String)
    case badShard(reason: String)
    case badEnvironment(variable: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unknownImplementation(let n, let known):
            return "unknown implementation '\(n)' (known: \(known.joined(separator: ", ")))"
        case .unknownWorkload(let w):
            return "unknown workload '\(w)' (known: \(Workload.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .unknownMode(let m):
            return "unknown mode '\(m)' (known: \(MeasurementMode.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .rateNeedsLatencyMode:
            return "--rate paces every send on the clock: it runs in latency mode only (--mode latency)"
        case .unknownSuite(let s):
            return "unknown suite '\(s)' (known: \(BenchSuite.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .badCapacity(let c):
            return "bad capacity '\(c)': expected a number >= 0 or 'unbounded'"
        case .badEnvironment(let name, let v, let expected):
            return "bad value '\(v)' for environment variable \(name): expected \(expected)"
        case .badInteger(let o, let v):
            return "bad value '\(v)' for --\(o): expected an integer"
        case .notPositiveSeconds(let o, let v):
            return "--\(o) must be a positive number of seconds (got \(v))"
        case .notPositive(let o, let v):
            return "--\(o) must be at least 1 (got \(v))"
        case .messageSizeTooSmall(let s):
            return "--message-size must be at least 8 bytes (got \(s)): the payload carries an 8-byte stamp"
        case .messagesNotDivisible(let m, let p):
            return "--messages \(m) is not divisible by \(p) producers: every producer sends the same count"
        case .emptyList(let o):
            return "--\(o) needs at least one value"
        case .unwritableOutput(let p, let r):
            return "cannot write output '\(p)': \(r)"
        case .capacityTooLarge(let c, let size, let limit):
            return "--capacity \(c) is above the largest bounded capacity for \(size)-byte messages, \(limit) "
                + "(at most 2^26 elements, and a full buffer within a quarter of physical memory)"
        case .writeFailed(let e):
            return e.description
        case .conflictsWithSuite(let o):
            return "--\(o) cannot be combined with --suite (a suite fixes its own matrix; drop --suite to choose parameters)"
        case .badRepetitionTime(let o, let v):
            return "bad value '\(v)' for --\(o): expected seconds >= 0 (0 = off)"
        case .repetitionTimesInverted(let lo, let hi):
            return "--max-time \(hi) is below --min-time \(lo)"
        case .forkFailed(let fork, let reason):
            return "fork \(fork) \(reason)"
        case .badShard(let reason):
            return "--shard: \(reason)"
        case .badSizesFile(_, let reason):
            return "--sizes-from: \(reason)"
        case .minimumTimeNeedsWarmup:
            return "--min-time/--max-time need --warmup >= 1: the warmup run measures the cost per message that sizes the repetitions"
        case .nothingToRun:
            return "nothing to run: every combination is unsupported by the selected implementations"
        }
    }
}
