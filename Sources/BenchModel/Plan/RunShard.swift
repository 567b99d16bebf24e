import BenchSupport

/// `--shard K/N`: the K-th of N disjoint parts of a matrix, so N runners share one suite.
///
/// A configuration belongs to part `stableHash(key) mod N + 1`, the FNV-1a hash of its
/// ``BenchConfigurationKey`` description: the same configuration lands in the same part on every
/// machine, whatever else the matrix holds and in whatever order, and the N parts are disjoint
/// and together cover the matrix. Parts are balanced only on average.
public struct RunShard: Sendable, Equatable, Codable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    /// Parses `K/N` with 1 <= K <= N.
    public init(parsing text: String) throws(BenchInputError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n else {
            throw .badShard(reason: "bad value '\(text)': expected K/N with 1 <= K <= N (e.g. 2/4)")
        }
        self.init(index: k, count: n)
    }

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Whether `configuration` is in this part.
    public func contains(_ configuration: RunConfiguration) -> Bool {
        Int(SeededGenerator.stableHash(BenchConfigurationKey(configuration).description) % UInt64(count)) == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}

extension RunMatrix {
    /// The configurations of `shard`, in the matrix's order; skipped combinations are noted
    /// by every shard (they cost nothing).
    public func shard(_ shard: RunShard) -> RunMatrix {
        RunMatrix(configurations: configurations.filter(shard.contains), skipped: skipped, skipReasons: skipReasons)
    }

    init(configurations: [RunConfiguration], skipped: [String], skipReasons: [String]) {
        self.configurations = configurations
        self.skipped = skipped
        self.skipReasons = skipReasons
    }
}
