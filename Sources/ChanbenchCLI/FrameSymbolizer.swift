import BenchSupport
import BenchEngine

/// Names the return addresses of a jemalloc heap dump with `llvm-symbolizer` (the Swift
/// toolchain ships one): `function (File.swift:12)`, or `function (in libfoo.so)` for a file
/// without line tables. Function names stay mangled (they key stacks across runs); they are
/// demangled for display only.
enum FrameSymbolizer {
    /// Addresses per `llvm-symbolizer` call, well under the argument-length limit.
    static let batch = 500

    /// A name for every address of `dump` that lies in a mapped file; throws if
    /// `llvm-symbolizer` cannot be run.
    static func names(in dump: JemallocHeapDump) throws(AllocStacksError) -> [UInt64: String] {
        var byFile: [String: (base: UInt64, addresses: Set<UInt64>)] = [:]
        for stack in dump.stacks {
            for address in stack.addresses {
                guard let m = dump.mapping(of: address) else { continue }
                byFile[m.path, default: (m.base, [])].addresses.insert(address)
            }
        }
        var names: [UInt64: String] = [:]
        for (path, entry) in byFile.sorted(by: { $0.key < $1.key }) {
            let addresses = entry.addresses.sorted()
            let object = path.split(separator: "/").last.map(String.init) ?? path
            for start in stride(from: 0, to: addresses.count, by: batch) {
                let chunk = Array(addresses[start..<min(start + batch, addresses.count)])
                // A return address points after its call; the address before it is the call.
                let offsets = chunk.map { "0x" + String($0 - entry.base - 1, radix: 16) }
                guard let output = ChildProcess.output(
                    ofTool: ["llvm-symbolizer", "--obj=\(path)", "--output-style=GNU", "--functions=linkage", "--no-inlines"]
                        + offsets, timeout: 120) else { throw .symbolizerFailed(path) }
                let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
                guard lines.count >= 2 * chunk.count else { throw .symbolizerFailed(path) }
                for (i, address) in chunk.enumerated() {
                    let function = lines[2 * i], location = lines[2 * i + 1]
                    let file = location.split(separator: "/").last.map(String.init) ?? String(location)
                    names[address] = location.hasPrefix("??") ? "\(function) (in \(object))" : "\(function) (\(file))"
                }
            }
        }
        return names
    }
}
