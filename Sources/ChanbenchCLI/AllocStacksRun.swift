import ArgumentParser
import Foundation
import BenchSupport
import BenchModel
import BenchEngine

/// `chanbench run --alloc-stacks`: names where each configuration of the matrix allocates,
/// per message.
///
/// Each configuration runs twice in a child process with jemalloc's heap profiler recording
/// the call stack of every allocation (`MALLOC_CONF=prof:true,lg_prof_sample:0,…`; chanbench's
/// allocator is jemalloc), once with a quarter of `--messages` and once with all of them, one
/// repetition and no warmup each. Start-up allocations are the same in both runs, so each call
/// stack's extra allocations over the extra messages is what it allocates per message (see
/// ``AllocationSites``). The threads and tasks run as in a plain `run` (a profiler that
/// serialises threads, like valgrind, would hide allocations that come from contention), only
/// slower by a stack walk per allocation. Addresses are named by `llvm-symbolizer`, Swift names
/// demangled by `swift-demangle`.
struct AllocStacksRun {
    let plan: RunCommand.Plan
    /// `--forks` as given: refused, since each configuration runs in its own processes anyway.
    let forks: Int?
    let quiet: Bool
    /// Caller frames shown per site.
    static let depth = 8
    /// Sites listed per configuration.
    static let shownSites = 12
    /// Sites below this many allocations per message are start-up noise, not listed.
    static let threshold = 0.001
    /// How much longer a run may take profiled than plainly: the child's watchdog
    /// (`--run-timeout`) is stretched by this.
    static let profilingSlowdown = 10.0
    /// jemalloc options: profile every allocation (not a sample), count allocations over the
    /// whole run (not only live ones), dump at exit.
    static let mallocConf = "prof:true,prof_active:true,prof_accum:true,lg_prof_sample:0,prof_final:true"

    /// Prints one block per configuration; bad input or a failed run is one `error:` line and
    /// exit 1.
    func execute() throws -> Int32 {
        do {
            return try report()
        } catch let error as AllocStacksError {
            StandardError.write("error: \(error)")
            throw ExitCode(1)
        }
    }

    private func report() throws -> Int32 {
        if forks != nil { throw AllocStacksError.forksGiven }
        guard ChildProcess.output(ofTool: ["llvm-symbolizer", "--version"], timeout: 30) != nil else {
            throw AllocStacksError.symbolizerMissing
        }
        let scratch = NSTemporaryDirectory() + "chanbench-alloc-stacks-\(getpid())-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw BenchInputError.unwritableOutput(path: scratch, reason: "cannot create a scratch folder for the profiles")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let running = RunningChild()
        let token = Interrupts.onInterrupt { sig in
            // The child is stopped with the parent; its profiles are scratch, removed here.
            running.stop(sig)
            try? FileManager.default.removeItem(atPath: scratch)
        }
        defer { Interrupts.remove(token) }

        let configurations = plan.matrix.configurations
        for line in plan.matrix.skipped where !quiet { StandardError.write(line) }
        var reports: [String] = []
        for (index, configuration) in configurations.enumerated() {
            let long = configuration.messages
            let short = max(configuration.producers, long / 4 / configuration.producers * configuration.producers)
            guard short < long else { throw AllocStacksError.tooFewMessages(configuration.description) }
            var profiles: [HeapProfile] = []
            for (run, messages) in [short, long].enumerated() {
                if !quiet {
                    StandardError.write("alloc-stacks [\(index + 1)/\(configurations.count)] \(configuration) "
                        + "n=\(messages) profiled (\(run + 1)/2)")
                }
                profiles.append(try profile(configuration.withMessages(messages), in: scratch, label: "\(index)-\(run)",
                                            running: running))
            }
            let sites = AllocationSites(short: profiles[0], shortMessages: short, long: profiles[1], longMessages: long,
                                        depth: Self.depth)
            reports.append(render(sites, of: configuration, short: short, long: long))
        }
        print(reports.joined(separator: "\n"), terminator: "")
        return RunSession.exitSuccess
    }

    /// Runs `configuration` once in a child with jemalloc's profiler and reads its dump.
    private func profile(_ configuration: RunConfiguration, in scratch: String, label: String,
                         running: RunningChild) throws -> HeapProfile {
        let prefix = "\(scratch)/\(label)"
        var parameters = RunParameters(implementations: [configuration.implementation.name])
        parameters.workloads = [configuration.workload]
        parameters.producers = [configuration.producers]
        parameters.consumers = [configuration.consumers]
        parameters.capacities = [configuration.capacity]
        parameters.messageSizes = [configuration.messageBytes]
        parameters.messages = configuration.messages
        parameters.rate = configuration.rate
        parameters.modes = [configuration.mode]
        let options = RunOptions(repetitions: 1, warmup: 0,
                                 runTimeoutSeconds: plan.options.runTimeoutSeconds * Self.profilingSlowdown,
                                 latencySampleEvery: plan.options.latencySampleEvery,
                                 specializeBuiltIns: plan.options.specializeBuiltIns, sizing: .off)
        let request = ForkRequest(parameterSets: [parameters], options: options, forks: 1,
                                  parameters: "alloc-stacks \(configuration) n=\(configuration.messages)",
                                  output: prefix + ".csv", quiet: true)
        let child = try ChildProcess(arguments: [ChildCommand.name], request: ChildRequest.fork(request), captureReply: false,
                                     environment: ["MALLOC_CONF": Self.mallocConf + ",prof_prefix:" + prefix])
        try running.start(child)
        _ = child.wait(timeout: nil)  // the child's own watchdog bounds the run
        running.finished()
        switch child.status {
        case RunSession.exitSuccess: break
        case RunSession.exitCheckFailed: throw AllocStacksError.runFailed(configuration.description, "failed its checks")
        case ChildProcess.crashed: throw AllocStacksError.runFailed(configuration.description, "was killed by a signal")
        case let status: throw AllocStacksError.runFailed(configuration.description, "exited \(status)")
        }
        // jemalloc names the dump `<prefix>.<pid>.<seq>.f.heap`.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? []
        guard let dumpName = names.first(where: { $0.hasPrefix(label + ".") && $0.hasSuffix(".f.heap") }),
              let data = FileManager.default.contents(atPath: "\(scratch)/\(dumpName)") else {
            throw AllocStacksError.noProfile
        }
        do {
            let dump = try JemallocHeapDump(text: String(decoding: data, as: UTF8.self))
            let frames = try FrameSymbolizer.names(in: dump)
            return HeapProfile(dump) { frames[$0] }
        } catch let error as HeapProfileError {
            throw AllocStacksError.runFailed(configuration.description, error.description)
        }
    }

    /// One configuration's block: the total per message, then the sites above the threshold.
    private func render(_ sites: AllocationSites, of configuration: RunConfiguration, short: Int, long: Int) -> String {
        let shown = sites.sites.filter { $0.perMessage >= Self.threshold }.prefix(Self.shownSites)
        let names = SwiftDemangler.demangle(Set(shown.flatMap { $0.frames.map(FrameName.function) }))
        let text = "\(configuration): \(DecimalText.fixed(sites.totalPerMessage, 3)) allocations/msg"
            + " (n=\(short) and n=\(long) profiled by jemalloc)\n"
        if shown.isEmpty { return text + "  no allocation site above \(Self.threshold) per message\n" }
        var rows: [[String]] = []
        for site in shown {
            for (i, frame) in site.frames.enumerated() {
                let cell = FrameName.replacingFunction(in: frame, with: names[FrameName.function(frame)])
                rows.append([i == 0 ? DecimalText.fixed(site.perMessage, 3) : "", (i == 0 ? "" : "  <- ") + cell])
            }
        }
        return text + TextTable(header: ["allocs/msg", "site (innermost first)"], rows: rows, rightAligned: [0],
                                indent: "  ").render() + "\n"
    }
}

/// The profiled child, so an interrupt can stop it.
private final class RunningChild: @unchecked Sendable {
    private let lock = NSLock()
    private var child: ChildProcess?

    func start(_ child: ChildProcess) throws {
        try lock.withLock {
            try child.start()
            self.child = child
        }
    }

    func finished() { lock.withLock { child = nil } }

    func stop(_ sig: Int32) {
        guard let child = lock.withLock({ child }) else { return }
        child.signal(sig)
        if !child.wait(timeout: 10) { child.stop(grace: 0) }
    }
}

/// Why `--alloc-stacks` could not report.
enum AllocStacksError: Error, CustomStringConvertible {
    case symbolizerMissing
    case symbolizerFailed(String)
    case noProfile
    case forksGiven
    case tooFewMessages(String)
    case runFailed(String, String)

    var description: String {
        switch self {
        case .symbolizerMissing:
            "--alloc-stacks names addresses with llvm-symbolizer, which is not on PATH (the Swift toolchain's usr/bin has one)"
        case .symbolizerFailed(let path):
            "--alloc-stacks: llvm-symbolizer failed on \(path)"
        case .noProfile:
            "--alloc-stacks: jemalloc wrote no heap profile (is this jemalloc built with --enable-prof? MALLOC_CONF=prof:true must be accepted)"
        case .forksGiven:
            "--alloc-stacks runs each configuration in processes of its own; drop --forks"
        case .tooFewMessages(let configuration):
            "--alloc-stacks needs --messages of at least twice the producers, to compare two runs (\(configuration))"
        case .runFailed(let configuration, let why):
            "--alloc-stacks: \(configuration) profiled \(why)"
        }
    }
}
