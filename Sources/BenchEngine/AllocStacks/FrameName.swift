/// The parts of a stack frame as valgrind prints it: `function (file.swift:12)` or
/// `function (in /path/to/object)`.
package enum FrameName {
    /// The function, without the location (the whole frame if it has none).
    package static func function(_ frame: String) -> String {
        guard frame.hasSuffix(")"), let open = frame.range(of: " (", options: .backwards) else { return frame }
        return String(frame[..<open.lowerBound])
    }

    /// `frame` with its function replaced by `name` (unchanged when `name` is `nil`).
    package static func replacingFunction(in frame: String, with name: String?) -> String {
        guard let name else { return frame }
        return name + frame.dropFirst(function(frame).count)
    }

    /// Whether `function` is a mangled Swift symbol (`$s…`, `_$s…`, or the older `$S…`).
    package static func isMangledSwift(_ function: String) -> Bool {
        function.hasPrefix("$s") || function.hasPrefix("_$s") || function.hasPrefix("$S") || function.hasPrefix("_$S")
    }
}
