import Foundation
import PackagePlugin

/// `swift package chanbench <command> [options]`: runs a `chanbench` command (run, verify,
/// memory, report, list, compare, ...) over the package's own channels, with no `main` in the
/// package. It finds the channels (see ``ChannelDiscovery``), generates a runner package in
/// its work folder, builds it in release with cross-module optimization (as `make release`
/// builds `chanbench`), and runs it in the package's folder, so results land in its
/// `results/` unless an option says otherwise.
@main
struct ChanbenchPlugin: CommandPlugin {
    /// Throws on failure, which SwiftPM reports as one `error:` line and exit status 1 (it
    /// reports every non-zero status as 1, so the message carries the command's own).
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let status = try run(context: context, arguments: arguments)
        guard status == 0 else {
            throw PluginFailure("chanbench \(arguments.first ?? "") ended with exit status \(status)")
        }
    }

    private func run(context: PluginContext, arguments: [String]) throws(PluginFailure) -> Int32 {
        let package = context.package
        guard let channelBench = package.dependencies.first(where: { dependency in
            dependency.package.products.contains { $0.name == "ChanbenchCLI" }
        }) else {
            throw PluginFailure("package '\(package.displayName)' does not depend on ChannelBench directly; add it to its dependencies")
        }
        let channels = try ChannelDiscovery.declarations(in: package)
        let runner = RunnerPackage(directory: context.pluginWorkDirectoryURL.appending(path: "runner"))
        do {
            try runner.write(user: package, channelBench: channelBench, channels: channels)
        } catch let failure as PluginFailure {
            throw failure
        } catch {
            throw PluginFailure("cannot write the runner package: \(error.localizedDescription)")
        }

        let swift = (try? context.tool(named: "swift").url) ?? URL(filePath: "/usr/bin/env")
        let swiftPrefix = swift.lastPathComponent == "env" ? ["swift"] : []
        report("chanbench plugin: channels \(channels.map { "\($0.module).\($0.type)" }.joined(separator: ", ")); building the runner in release")
        let build = swiftPrefix + [
            "build", "--package-path", runner.directory.path(percentEncoded: false),
            "-c", "release", "--product", RunnerPackage.executable,
            "-Xswiftc", "-cross-module-optimization",
        ]
        let buildStatus = try Subprocess.run(swift, build, in: package.directoryURL)
        guard buildStatus == 0 else {
            throw PluginFailure("building the runner failed (exit \(buildStatus)); the compiler's messages are above")
        }
        let executable = runner.directory.appending(path: ".build/release/\(RunnerPackage.executable)")
        let commandArguments = Self.arguments(arguments, channelBench: channelBench.package)
        return try Subprocess.run(executable, commandArguments, in: package.directoryURL)
    }

    /// The user's arguments, plus what only the plugin knows: `report` draws with the gnuplot
    /// scripts of the ChannelBench checkout unless `--scripts` names others.
    static func arguments(_ arguments: [String], channelBench: Package) -> [String] {
        guard arguments.first == "report",
              !arguments.contains(where: { $0 == "--scripts" || $0.hasPrefix("--scripts=") }) else { return arguments }
        return arguments + ["--scripts", channelBench.directoryURL.appending(path: "plots").path(percentEncoded: false)]
    }
}
