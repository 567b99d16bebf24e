import BenchSupport
import BenchModel

/// The machine and build a run was measured on, read from a bench CSV's `# key: value` lines
/// (``RunMetadata``), and the machine class it belongs to.
///
/// The class is what `history` never mixes: CPU model, core count, architecture and build
/// configuration — the facts that set a figure's scale. The kernel and the Swift version are
/// recorded with every run but do not split the class: a toolchain or kernel update on the same
/// runners is a change the history should show as a change point, not hide in a new series.
package struct MachineFingerprint: Sendable, Equatable {
    package var cpuModel: String
    package var cores: Int?
    /// The whole `os` line: distribution, kernel, architecture.
    package var os: String
    package var kernel: String
    package var architecture: String
    package var swiftVersion: String
    /// `release`, or `debug (…)`: the `build` metadata line.
    package var build: String
}

extension MachineFingerprint {
    /// Reads the fingerprint from a file's metadata; a fact the file does not record is `unknown`.
    package init(metadata: (String) -> String?) {
        let os = metadata("os") ?? "unknown"
        // "Debian GNU/Linux 12 (bookworm), kernel 6.1.0-18-amd64, x86_64"
        let parts = os.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let kernel = parts.first { $0.hasPrefix("kernel ") }.map { String($0.dropFirst("kernel ".count)) } ?? "unknown"
        let architecture = parts.count >= 3 ? parts[parts.count - 1] : "unknown"
        self.init(cpuModel: metadata("cpu_model") ?? "unknown", cores: metadata("cores").flatMap { Int($0) },
                  os: os, kernel: kernel, architecture: architecture,
                  swiftVersion: metadata("swift_version") ?? "unknown", build: metadata("build") ?? "unknown")
    }

    /// `release` or `debug`: the first word of the build line.
    package var buildKind: String { build.split(separator: " ").first.map(String.init) ?? build }

    /// A short, stable name of the class: `x86_64-2c-release-1a2b3c4d`, the hash over the CPU
    /// model, cores, architecture and build kind (FNV-1a, the same on every machine).
    package var machineClass: String {
        let identity = [cpuModel, cores.map(String.init) ?? "?", architecture, buildKind].joined(separator: "|")
        let hash = SeededGenerator.stableHash(identity)
        let hex = String(hash >> 32, radix: 16)
        return "\(architecture)-\(cores.map(String.init) ?? "?")c-\(buildKind)-\(String(repeating: "0", count: 8 - hex.count) + hex)"
    }
}
