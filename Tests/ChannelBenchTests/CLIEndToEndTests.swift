import Foundation
import Testing

/// Runs the built `chanbench` executable (from `swift build`/`swift test`, debug) end to end.
@Suite(.serialized) struct CLIEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/chanbench").path
    static var built: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    struct Outcome { let status: Int32; let stdout: String; let stderr: String }

    func chanbench(_ args: [String]) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: NSTemporaryDirectory())
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static let badInputs: [([String], String)] = [
        (["run", "--impl", "nope"], "error: unknown implementation 'nope'"),
        (["run", "--workload", "spcs"], "error: unknown workload 'spcs'"),
        (["run", "--capacity=-1"], "error: bad capacity '-1'"),
        (["run", "--capacity", "lots"], "error: bad capacity 'lots'"),
        (["run", "--producers", "0"], "error: --producers must be at least 1"),
        (["run", "--consumers", "0"], "error: --consumers must be at least 1"),
        (["run", "--workload", "mpsc", "--producers", "3", "--messages", "1000"], "error: --messages 1000 is not divisible by 3"),
        (["run", "--message-size", "4"], "error: --message-size must be at least 8"),
        (["run", "--suite", "huge"], "error: unknown suite 'huge'"),
        (["run", "--suite", "quick", "--capacity", "1"], "error: --capacity cannot be combined with --suite"),
        (["run", "--impl", "null", "--workload", "spsc", "--capacity", "unbounded", "--messages", "10",
          "--output", "/proc/chanbench-none/x.csv"], "error: cannot write output '/proc/chanbench-none/x.csv'"),
        (["run", "--messages", "many"], "error: "),
        (["run", "--repetitions", "0"], "error: --repetitions must be at least 1"),
        (["run", "--min-time=-1"], "error: bad value '-1.0' for --min-time"),
        (["run", "--min-time", "0.5", "--max-time", "0.1"], "error: --max-time 0.1 is below --min-time 0.5"),
        (["run", "--min-time", "0.01", "--warmup", "0"], "error: --min-time/--max-time need --warmup >= 1"),
    ]

    @Test(.enabled(if: CLIEndToEndTests.built), arguments: CLIEndToEndTests.badInputs)
    func badInputIsOneLineAndExitOne(_ args: [String], _ expected: String) throws {
        let r = try chanbench(args)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(r.stderr)")
        #expect(r.stderr.hasPrefix(expected), "stderr: \(r.stderr)")
    }

    @Test(.enabled(if: CLIEndToEndTests.built))
    func smallRunWritesAVerifiedCSV() throws {
        let path = NSTemporaryDirectory() + "chanbench-e2e-\(UUID().uuidString).csv"
        let r = try chanbench(["run", "--impl", "null", "--workload", "spsc,mpmc", "--producers", "2", "--consumers", "2",
                               "--capacity", "unbounded", "--messages", "1000", "--repetitions", "2", "--warmup", "0",
                               "--output", path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("[1/4] null spsc p=1 c=1 cap=unbounded size=8 rep 1/2"))
        #expect(r.stdout.contains("median ns/msg"))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let rows = lines.filter { !$0.hasPrefix("#") }.dropFirst()
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.contains(",true,false,0,,") })
    }

    @Test(.enabled(if: CLIEndToEndTests.built))
    func listShowsImplementationsWorkloadsAndSuites() throws {
        let r = try chanbench(["list"])
        #expect(r.status == 0)
        for word in ["null", "baseline", "pingpong", "quick", "default", "full"] { #expect(r.stdout.contains(word)) }
    }
}
