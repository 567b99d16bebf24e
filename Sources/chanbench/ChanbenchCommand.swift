import ArgumentParser
import ChannelBench

@main
struct Chanbench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chanbench",
        abstract: "Benchmarks and verifies message-passing channels.",
        subcommands: [VerifyCommand.self]
    )
}
