import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import BenchSupport
import BenchModel
import BenchEngine

/// `chanbench child`: this executable started by itself (a fork of `run --forks N`, one memory
/// run), doing what the ``ChildRequest`` on its stdin says. Hidden: no user types it.
struct ChildCommand: ParsableCommand {
    static let name = "child"
    static let configuration = CommandConfiguration(
        commandName: name,
        abstract: "Run one request from a parent chanbench process (read as JSON on stdin).",
        shouldDisplay: false
    )

    /// The process that carries out `request`, ready to start; `captureReply` collects the
    /// reply of a child that sends one.
    static func process(for request: ChildRequest, captureReply: Bool) throws -> ChildProcess {
        try ChildProcess(arguments: [name], request: request, captureReply: captureReply)
    }

    func run() throws {
        // A terminal on stdin is a person who typed `chanbench child`: say so rather than wait.
        if isatty(0) != 0 {
            StandardError.write("error: child is started by run --forks and memory, with a request on stdin")
            throw ExitCode(1)
        }
        let request: ChildRequest
        do {
            request = try ChildMessage.readRequest(ChildRequest.self)
        } catch {
            StandardError.write("error: child: unreadable request on stdin: \(error)")
            throw ExitCode(1)
        }
        switch request {
        case .fork(let fork): try run(fork)
        case .memoryRun(let memory): try run(memory)
        }
    }

    /// A fork runs the matrix like `run`, writing its rows to the parent's scratch folder; the
    /// exit status is its reply.
    private func run(_ fork: ForkRequest) throws {
        // So the parent's forwarded SIGINT/SIGTERM leaves an `interrupted` trailer, as in `run`.
        Interrupts.install()
        let status = try RunCommand.reportingBadInput {
            let whole = try RunMatrix(fork.parameterSets, available: BenchImplementations.all)
            let matrix = fork.shard.map(whole.shard) ?? whole
            return try RunCommand.measure(matrix, options: fork.options, parameters: fork.parameters, output: fork.output,
                                          progress: ProgressReporter(quiet: fork.quiet, prefix: fork.label + " "))
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// A memory run writes its per-run CSV and replies with its summary row.
    private func run(_ memory: MemoryRunRequest) throws {
        let row = MemoryRunWriter.runAndWrite(memory.scenario, directory: memory.directory, timestamp: memory.timestamp,
                                              command: memory.command)
        do {
            try ChildMessage.sendReply(row)
        } catch {
            StandardError.write("error: cannot send the memory summary to the parent: \(error)")
            throw ExitCode(1)
        }
        throw ExitCode(row.verified ? 0 : 3)
    }
}
