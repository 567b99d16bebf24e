import ArgumentParser
import ChannelBench

#if canImport(Glibc)
import Glibc
#endif

@main
struct Chanbench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chanbench",
        abstract: "Benchmarks and verifies message-passing channels.",
        subcommands: [
            RunCommand.self,
            ListCommand.self,
            MemoryCommand.self,
            CompareCommand.self,
            VerifyCommand.self,
        ]
    )

    /// Parses and runs, turning every parse or validation error into ONE line on stderr
    /// (`error: …`) and exit status 1 — ArgumentParser's default adds a usage block. Help and
    /// explicit exit codes (e.g. 3 for a failed check) pass through unchanged.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            let message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            let trimmed = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
            StandardError.write("error: \(trimmed)")
            Glibc.exit(1)
        }
    }
}
