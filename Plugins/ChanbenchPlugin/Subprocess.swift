import Foundation

/// Runs a child process to completion in the foreground.
enum Subprocess {
    /// Runs `executable` with `arguments` in `directory`, with the plugin's standard output and
    /// error (SwiftPM passes both on as its standard output); returns its exit status (128 + the
    /// signal's number if a signal ended it). On Linux the child gets `setpriv --pdeathsig`, so it is
    /// interrupted if the plugin dies first, rather than outliving it.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL) throws(PluginFailure) -> Int32 {
        let process = Process()
        let setpriv = URL(filePath: "/usr/bin/setpriv")
        if FileManager.default.isExecutableFile(atPath: setpriv.path(percentEncoded: false)) {
            process.executableURL = setpriv
            process.arguments = ["--pdeathsig", "INT", "--", executable.path(percentEncoded: false)] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        do {
            try process.run()
        } catch {
            throw PluginFailure("cannot start \(executable.path(percentEncoded: false)): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        switch process.terminationReason {
        case .exit: return process.terminationStatus
        case .uncaughtSignal: return 128 + process.terminationStatus
        @unknown default: return 1
        }
    }
}
