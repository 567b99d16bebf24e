// Plug your own channel into ChannelBench: describe it, register it, verify it.
import ChannelBench
import Foundation

let descriptor = ChannelDescriptor(
    name: "nscondition",
    family: "lock",
    summary: "NSCondition + Array (example user channel)",
    supportsRendezvous: false,
    supportsBounded: true,
    supportsUnbounded: true,
    maker: .blocking(ConditionChannelMaker())
)
try ChannelRegistry.register(descriptor)

/// The value after `flag`, parsed; exits with one `error:` line if it is there but bad.
func option<T>(_ flag: String, _ what: String, _ parse: (String) -> T?) -> T? {
    guard let i = CommandLine.arguments.firstIndex(of: flag) else { return nil }
    guard i + 1 < CommandLine.arguments.count, let value = parse(CommandLine.arguments[i + 1]) else {
        FileHandle.standardError.write("error: \(flag) needs \(what)\n".data(using: .utf8)!)
        exit(1)
    }
    return value
}
// `--budget SECONDS` (default 20): the verification time budget; `--seed N` replays a failure.
let budget = option("--budget", "a positive number of seconds") { Double($0).flatMap { $0 > 0 ? $0 : nil } } ?? 20
let seed = option("--seed", "a whole number") { UInt64($0) }

// The same entry point `chanbench verify` uses, selecting the channel from the registry.
var config = VerifyConfiguration(implementations: [ChannelRegistry.named("nscondition")!],
                                 budgetSeconds: budget, quick: true)
if let seed { config.seed = seed }
let report = try Verifier.run(config) { line in
    FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
}
print(report.table)
if !report.passed {
    print(report.failureDetails)
    exit(1)
}
