// DependentBench: ns/msg and heap allocations/msg of the built-in channels, measured from a
// package that depends on `Channels` as a user's package does (see Package.swift).
//
//   swift build -c release --package-path Examples/DependentBench
//   Examples/DependentBench/.build/release/DependentBench [--check-allocations [--strict]] [--tsv]
//       [--messages N] [--warmup N] [--reps N] [--only SUBSTRING]
//
// Each configuration runs twice per repetition on a fresh channel: once with the warm-up
// count of messages (W) and once with W + N. The allocations of the second minus those of
// the first are the steady-state allocations of N messages (everything else — threads,
// tasks, the channel itself, lazily created runtime metadata — is the same in both runs
// and cancels). ns/msg is the second run's wall time over its W + N messages.
import CAllocCounter
import Channels
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct Options {
    var messages = 100_000
    var warmup = 20_000
    var reps = 3
    var checkAllocations = false
    var tsv = false
    /// Gate the actor's contended configurations too (see `allocatesInRuntime`).
    var strict = false
    var only: [String] = []
    /// Steady-state allocations per message above this fail `--check-allocations`.
    var allocationLimit = 0.01

    init(_ arguments: [String]) {
        var it = arguments.makeIterator()
        func number(_ flag: String) -> Int {
            guard let text = it.next(), let n = Int(text), n > 0 else { fail("\(flag) needs a positive integer") }
            return n
        }
        while let argument = it.next() {
            switch argument {
            case "--messages": messages = number(argument)
            case "--warmup": warmup = number(argument)
            case "--reps": reps = number(argument)
            case "--check-allocations": checkAllocations = true
            case "--tsv": tsv = true
            case "--strict": strict = true
            case "--only":
                guard let text = it.next() else { fail("--only needs a value") }
                only = text.split(separator: ",").map(String.init)
            case "-h", "--help":
                writeLine("usage: DependentBench [--check-allocations [--strict]] [--tsv] [--messages N] [--warmup N] [--reps N] [--only a,b]")
                exit(0)
            default: fail("unknown argument \(argument)")
            }
        }
    }
}

func fail(_ message: String) -> Never {
    writeLine("error: \(message)", to: 2)
    exit(2)
}

/// Unbuffered (each row appears as soon as it is measured, also through a pipe), and free of
/// the C library's global `stdout`/`stderr`, which strict concurrency rejects.
func writeLine(_ text: String, to fd: Int32 = 1) {
    var line = text + "\n"
    line.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}

struct Workload {
    let name: String
    let producers: Int
    let capacity: ChannelCapacity
    /// Fraction of the message counts this workload runs (a rendezvous hand-off costs
    /// microseconds, so it runs a fifth as many).
    let scale: Int
    /// `seq`: one thread or task sends and receives in turns (`runThreadSequence`,
    /// `runTaskSequence`).
    var isSequence = false
}

let workloads = [
    Workload(name: "spsc", producers: 1, capacity: .bounded(1024), scale: 1),
    Workload(name: "mpsc4x1", producers: 4, capacity: .bounded(1024), scale: 1),
    Workload(name: "rendezvous", producers: 1, capacity: .bounded(0), scale: 5),
    Workload(name: "unbounded", producers: 1, capacity: .unbounded, scale: 1),
    Workload(name: "seq", producers: 1, capacity: .bounded(1024), scale: 1, isSequence: true),
]

struct Configuration: Sendable {
    let flavor: String
    /// `concrete`: the user names the channel type (`CondvarChannel<Int>`) and calls it directly.
    /// `handles`: `makeChannel(of:implementation:capacity:)` / `makeAsyncChannel`, i.e. `Sender`
    /// and `Receiver` around an `any BlockingChannel` / `any SuspendingChannel`.
    let api: String
    let workload: Workload
    let run: @Sendable (_ perProducer: Int) async -> RunResult

    var label: String { "\(flavor) \(api) \(workload.name)" }

    /// Several tasks contending for one actor: each send and receive hops onto the actor, and
    /// a hop that finds it busy is queued by the concurrency runtime, which allocates for that
    /// (a libdispatch continuation, a job): allocations of the runtime's scheduling, not of
    /// the channel's code, and as frequent as the hops collide. Shown, but not gated; `seq`
    /// gates the actor channel's own code.
    var allocatesInRuntime: Bool { flavor == "actor" && !workload.isSequence }
}

func threaded<C: SyncTx & SyncRx>(_ flavor: String, _ w: Workload, _ make: @escaping @Sendable () -> C) -> [Configuration] {
    let batch = (w.capacity.limit ?? 1024) / 2
    let concrete = Configuration(flavor: flavor, api: "concrete", workload: w) { per in
        let ch = make()
        if w.isSequence { return runThreadSequence(sender: ch, receiver: ch, messages: per, batch: batch) }
        return runThreads(senders: Array(repeating: ch, count: w.producers), receiver: ch, perProducer: per)
    }
    let handles = Configuration(flavor: flavor, api: "handles", workload: w) { per in
        let (tx, rx): (Sender<Int>, Receiver<Int>)
        do { (tx, rx) = try makeChannel(of: Int.self, implementation: flavor, capacity: w.capacity) } catch { fail("\(error)") }
        if w.isSequence { return runThreadSequence(sender: tx, receiver: rx, messages: per, batch: batch) }
        var senders = [tx]
        for _ in 1..<w.producers { senders.append(tx.clone()) }
        return runThreads(senders: senders, receiver: rx, perProducer: per)
    }
    return [concrete, handles]
}

func tasks<C: AsyncTx & AsyncRx>(_ flavor: String, _ w: Workload, _ make: @escaping @Sendable () -> C) -> [Configuration] {
    let batch = (w.capacity.limit ?? 1024) / 2
    let concrete = Configuration(flavor: flavor, api: "concrete", workload: w) { per in
        let ch = make()
        if w.isSequence { return await runTaskSequence(sender: ch, receiver: ch, messages: per, batch: batch) }
        return await runTasks(senders: Array(repeating: ch, count: w.producers), receiver: ch, perProducer: per)
    }
    let handles = Configuration(flavor: flavor, api: "handles", workload: w) { per in
        let (tx, rx): (AsyncSender<Int>, AsyncReceiver<Int>)
        do { (tx, rx) = try makeAsyncChannel(of: Int.self, implementation: flavor, capacity: w.capacity) } catch { fail("\(error)") }
        if w.isSequence { return await runTaskSequence(sender: tx, receiver: rx, messages: per, batch: batch) }
        var senders = [tx]
        for _ in 1..<w.producers { senders.append(tx.clone()) }
        return await runTasks(senders: senders, receiver: rx, perProducer: per)
    }
    return [concrete, handles]
}

func allConfigurations() -> [Configuration] {
    var result: [Configuration] = []
    for w in workloads {
        result += threaded("condvar", w) { CondvarChannel<Int>(capacity: w.capacity) }
        if case .bounded(let n) = w.capacity, n >= 1 {
            result += threaded("dispatch", w) { DispatchChannel<Int>(capacity: w.capacity) }
            result += threaded("ring", w) { RingChannel<Int>(capacity: n) }
        } else if w.capacity == .unbounded {
            result += threaded("dispatch", w) { DispatchChannel<Int>(capacity: w.capacity) }
        }
        result += tasks("actor", w) { ActorChannel<Int>(capacity: w.capacity) }
    }
    // Flavor order, then workload order, so the table reads one flavor at a time.
    let flavors = ["condvar", "dispatch", "ring", "actor"]
    return result.enumerated().sorted {
        let a = flavors.firstIndex(of: $0.element.flavor)!, b = flavors.firstIndex(of: $1.element.flavor)!
        return a != b ? a < b : $0.offset < $1.offset
    }.map(\.element)
}

/// `true` when this process's malloc is the counting one (see AllocCounter.c).
func allocationCounterWorks() -> Bool {
    let before = alloc_counter_total()
    let array = [Int](repeating: 7, count: 1000)
    let after = alloc_counter_total()
    return array.count == 1000 && after > before
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// One measured configuration.
struct Row {
    let configuration: Configuration
    let nsPerMessage: Double
    let allocationsPerMessage: Double
}

func measure(_ c: Configuration, _ options: Options) async -> Row {
    let producers = c.workload.producers
    let warmPer = max(1, options.warmup / c.workload.scale / producers)
    let measuredPer = max(1, options.messages / c.workload.scale / producers)
    let totalPer = warmPer + measuredPer
    func expectedSum(_ per: Int) -> Int { producers * (per * (per - 1) / 2) }

    func counted(_ per: Int) async -> (RunResult, Int64) {
        let a0 = alloc_counter_total()
        let r = await c.run(per)
        let a1 = alloc_counter_total()
        if r.checksum != expectedSum(per) {
            fail("\(c.label): received values sum to \(r.checksum), expected \(expectedSum(per)) (lost or duplicated messages)")
        }
        return (r, Int64(bitPattern: a1 &- a0))
    }

    // One unrecorded run first, so one-time costs (metadata, thread stacks, pool threads)
    // fall outside every recorded pair.
    _ = await counted(warmPer)
    var ns: [Double] = []
    var allocs: [Double] = []
    for _ in 0..<options.reps {
        let (_, warmAllocations) = await counted(warmPer)
        let (full, fullAllocations) = await counted(totalPer)
        ns.append(Double(full.nanoseconds) / Double(totalPer * producers))
        allocs.append(Double(fullAllocations - warmAllocations) / Double(measuredPer * producers))
    }
    return Row(configuration: c, nsPerMessage: median(ns), allocationsPerMessage: median(allocs))
}

func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return right ? fill + s : s + fill
}

func format(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (abs(value) * scale).rounded() / scale
    let whole = Int(rounded)
    var fraction = String(Int(((rounded - Double(whole)) * scale).rounded()))
    while fraction.count < decimals { fraction = "0" + fraction }
    return (value < 0 && rounded != 0 ? "-" : "") + String(whole) + (decimals > 0 ? "." + fraction : "")
}

@main
struct DependentBench {
    static func main() async {
        let options = Options(Array(CommandLine.arguments.dropFirst()))
        guard allocationCounterWorks() else {
            fail("the allocation counter does not see this process's mallocs (needs Linux with glibc)")
        }
        var configurations = allConfigurations()
        if !options.only.isEmpty {
            configurations = configurations.filter { c in options.only.contains { c.label.contains($0) } }
        }
        if !options.tsv {
            writeLine("DependentBench: \(options.messages) measured messages after \(options.warmup) warm-up (rendezvous: a fifth), median of \(options.reps)")
            writeLine(pad("flavor", 9) + pad("api", 10) + pad("workload", 12) + pad("ns/msg", 10, right: true) + pad("allocs/msg", 12, right: true))
        }
        var failures: [String] = []
        for c in configurations {
            let row = await measure(c, options)
            if options.tsv {
                writeLine("\(c.flavor)\t\(c.api)\t\(c.workload.name)\t\(format(row.nsPerMessage, decimals: 1))\t\(format(row.allocationsPerMessage, decimals: 4))")
            } else {
                writeLine(pad(c.flavor, 9) + pad(c.api, 10) + pad(c.workload.name, 12)
                      + pad(format(row.nsPerMessage, decimals: 1), 10, right: true)
                      + pad(format(row.allocationsPerMessage, decimals: 4), 12, right: true)
                      + (c.allocatesInRuntime ? "  *" : ""))
            }
            if row.allocationsPerMessage > options.allocationLimit, !c.allocatesInRuntime || options.strict {
                failures.append("error: \(c.label) allocates \(format(row.allocationsPerMessage, decimals: 4)) times per message in the steady state (limit \(options.allocationLimit))")
            }
        }
        if !options.tsv, configurations.contains(where: \.allocatesInRuntime) {
            writeLine("* tasks contending for the actor: the concurrency runtime allocates when it queues a hop onto the busy actor; not gated (--strict gates them)")
        }
        if options.checkAllocations {
            for f in failures { writeLine(f, to: 2) }
            if !failures.isEmpty { exit(1) }
            if !options.tsv { writeLine("allocation check passed: every gated configuration <= \(options.allocationLimit) allocations/msg") }
        }
    }
}
