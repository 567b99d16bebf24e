import BenchSupport
import Channels

#if canImport(Glibc)
import Glibc
#endif

/// The `chanbench` command line as a library, so that an executable other than `chanbench`
/// (the plugin's runner, which links a user's channels) runs the same commands over more
/// channels.
public enum ChanbenchCLI {
    /// Registers `channels` in ``ChannelRegistry`` (each selectable by name with `--impl`, like a
    /// built-in), then parses the process's arguments and runs the command; `run`, `verify` and
    /// `memory` without `--impl` select exactly `channels` (when there are any). A channel that
    /// cannot be registered (a built-in's name, or two with one name) ends the process with one
    /// `error:` line and exit status 1 before any command runs.
    public static func main(registering channels: [ChannelDescriptor]) {
        var names: [String] = []
        for channel in channels {
            guard !names.contains(channel.name) else {
                StandardError.write("error: two channels are named '\(channel.name)'; give each a name of its own")
                Glibc.exit(1)
            }
            names.append(channel.name)
            do {
                try ChannelRegistry.register(channel)
            } catch {
                StandardError.write("error: \(error)")
                Glibc.exit(1)
            }
        }
        Chanbench.main(arguments: selecting(names, in: Array(CommandLine.arguments.dropFirst())))
    }

    /// `arguments` with `--impl <names>` after the command when it is `run`, `verify` or
    /// `memory` and names no implementation itself: a program that brings its own channels
    /// measures and checks those unless told otherwise.
    static func selecting(_ names: [String], in arguments: [String]) -> [String] {
        guard !names.isEmpty, let command = arguments.first, ["run", "verify", "memory"].contains(command) else {
            return arguments
        }
        let options = arguments.prefix { $0 != "--" }
        if options.contains(where: { $0 == "--impl" || $0.hasPrefix("--impl=") }) { return arguments }
        return [command, "--impl", names.joined(separator: ",")] + arguments.dropFirst()
    }
}
