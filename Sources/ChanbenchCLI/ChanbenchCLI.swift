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
    /// built-in), then parses the process's arguments and runs the command. A channel that
    /// cannot be registered (a built-in's name, or two with one name) ends the process with one
    /// `error:` line and exit status 1 before any command runs.
    public static func main(registering channels: [ChannelDescriptor]) {
        var names: Set<String> = []
        for channel in channels {
            guard names.insert(channel.name).inserted else {
                StandardError.write("error: two channels are named '\(channel.name)'; give each a name of its own")
                Glibc.exit(1)
            }
            do {
                try ChannelRegistry.register(channel)
            } catch {
                StandardError.write("error: \(error)")
                Glibc.exit(1)
            }
        }
        Chanbench.main()
    }
}
