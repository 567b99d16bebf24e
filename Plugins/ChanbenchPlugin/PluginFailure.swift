import Foundation

/// A reason the plugin cannot go on, reported as one `error:` line.
struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes `line` to standard error (the plugin's standard output carries its messages to SwiftPM,
/// which shows what the plugin writes to standard error).
func report(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
