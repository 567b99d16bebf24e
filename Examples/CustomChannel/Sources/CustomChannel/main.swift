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
ChannelRegistry.register(descriptor)

// `--budget SECONDS` (default 20): the verification time budget.
var budget = 20.0
if let i = CommandLine.arguments.firstIndex(of: "--budget"), i + 1 < CommandLine.arguments.count {
    guard let b = Double(CommandLine.arguments[i + 1]), b > 0 else {
        FileHandle.standardError.write("error: --budget needs a positive number of seconds\n".data(using: .utf8)!)
        exit(1)
    }
    budget = b
}

// The same entry point `chanbench verify` uses, selecting the channel from the registry.
let config = VerifyConfiguration(implementations: [ChannelRegistry.named("nscondition")!],
                                 budgetSeconds: budget, quick: true)
let report = try Verifier.run(config) { line in
    FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
}
print(report.table)
if !report.passed {
    print(report.failureDetails)
    exit(1)
}
