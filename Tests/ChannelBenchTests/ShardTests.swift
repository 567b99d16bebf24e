import Testing
@testable import BenchModel
@testable import BenchEngine

@Suite struct ShardTests {
    let available = [BenchImplementations.null, TestDescriptors.good, TestDescriptors.async]

    func matrix() throws -> RunMatrix {
        let p = RunParameters(implementations: ["all"], workloads: [.spsc, .mpsc, .mpmc], producers: [1, 2, 4],
                              consumers: [1, 2], capacities: [.bounded(1), .bounded(64), .unbounded],
                              messageSizes: [8, 64], messages: 16)
        return try RunMatrix([p], available: available)
    }

    @Test(arguments: [1, 2, 3, 4, 7])
    func shardsAreDisjointAndCoverTheMatrix(count: Int) throws {
        let whole = try matrix()
        let names = whole.configurations.map { BenchConfigurationKey($0).description }
        #expect(names.count > 20)
        var seen: [String: Int] = [:]
        for k in 1...count {
            for c in whole.shard(RunShard(index: k, count: count)).configurations {
                let name = BenchConfigurationKey(c).description
                #expect(seen[name] == nil, "\(name) in shards \(seen[name] ?? 0) and \(k)")
                seen[name] = k
            }
        }
        #expect(Set(seen.keys) == Set(names))
        #expect(seen.count == names.count)
    }

    @Test func aConfigurationsShardDoesNotDependOnTheRestOfTheMatrix() throws {
        let whole = try matrix()
        let small = try RunMatrix([RunParameters(implementations: ["test-good"], workloads: [.mpmc], producers: [2],
                                                 consumers: [2], capacities: [.bounded(64)], messageSizes: [8], messages: 16)],
                                  available: available)
        let c = try #require(small.configurations.first)
        let shardInWhole = (1...4).first { k in
            whole.shard(RunShard(index: k, count: 4)).configurations.contains { BenchConfigurationKey($0) == BenchConfigurationKey(c) }
        }
        let shardAlone = (1...4).first { k in !small.shard(RunShard(index: k, count: 4)).configurations.isEmpty }
        #expect(shardInWhole != nil)
        #expect(shardInWhole == shardAlone)
    }

    @Test func parsesKOfNAndRefusesTheRest() throws {
        #expect(try RunShard(parsing: "2/4") == RunShard(index: 2, count: 4))
        #expect(try RunShard(parsing: "1/1") == RunShard(index: 1, count: 1))
        for bad in ["0/4", "5/4", "2", "a/b", "2/0", "/4", "2/", "-1/4", "1/2/3"] {
            #expect(throws: BenchInputError.self, "\(bad)") { try RunShard(parsing: bad) }
        }
    }
}
