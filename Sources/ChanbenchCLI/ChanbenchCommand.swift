import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif
import BenchSupport

struct Chanbench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chanbench",
        abstract: "Benchmarks and verifies message-passing channels.",
        subcommands: [
            RunCommand.self,
            ListCommand.self,
            MemoryCommand.self,
            CompareCommand.self,
            ReportCommand.self,
            VerifyCommand.self,
            ChildCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            HistoryCommand.self,
        ]
    )

    /// Parses and runs, turning every parse or validation error into ONE line on stderr
    /// (`error: …`) and exit status 1 — ArgumentParser's default adds a usage block. Help and
    /// explicit exit codes (e.g. 3 for a failed check) pass through unchanged.
    static func main() {
        main(arguments: Array(CommandLine.arguments.dropFirst()))
    }

    /// ``main()`` over `arguments` (the command line without the executable's name).
    static func main(arguments: [String]) {
        ChildProcess.adoptParentDeath()
        do {
            if let repeated = RepeatedOptions.firstRepeated(in: arguments) {
                StandardError.write("error: --\(repeated) given more than once; give one value (lists are comma separated: --\(repeated) a,b)")
                Glibc.exit(1)
            }
            var command = try parseAsRoot(arguments)
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

/// Every chanbench option takes one value (lists are comma separated), and ArgumentParser keeps
/// only the last of a repeated option: `--impl condvar --impl ring` would silently run only
/// ring. A repeated option is refused instead.
enum RepeatedOptions {
    static func firstRepeated(in arguments: [String]) -> String? {
        var seen: Set<String> = []
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.dropFirst(2).prefix { $0 != "=" })
            if !seen.insert(name).inserted { return name }
        }
        return nil
    }
}
