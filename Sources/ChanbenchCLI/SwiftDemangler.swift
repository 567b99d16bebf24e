import BenchSupport
import BenchEngine

/// Readable names for mangled Swift symbols, by the toolchain's `swift-demangle`.
enum SwiftDemangler {
    /// Demangled (simplified) name by mangled name, for the Swift symbols among `functions`.
    /// Empty when `swift-demangle` is missing or fails: callers then show the mangled names.
    static func demangle(_ functions: Set<String>) -> [String: String] {
        let mangled = functions.filter(FrameName.isMangledSwift).sorted()
        guard !mangled.isEmpty else { return [:] }
        guard let output = ChildProcess.output(ofTool: ["swift-demangle", "--simplified", "--compact"] + mangled,
                                               timeout: 30) else {
            StandardError.write("note: swift-demangle did not run; Swift frames are shown mangled")
            return [:]
        }
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).prefix(mangled.count).map(String.init)
        guard lines.count == mangled.count else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(mangled, lines))
    }
}
