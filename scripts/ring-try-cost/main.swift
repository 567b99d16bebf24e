// Timing driver for scripts/ring-try-cost.sh: the same try-operation loops on the old and the
// new ring, alternating round by round; prints the median per scenario. Not part of the package.
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

func nowNs() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

final class Box: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// Runs `body(i)` on `n` pthreads released together; returns wall nanoseconds.
func onThreads(_ n: Int, _ body: @escaping @Sendable (Int) -> Void) -> UInt64 {
    let ready = Atomic<Int>(0)
    let go = Atomic<Bool>(false)
    var tids: [pthread_t] = []
    for i in 0..<n {
        let box = Unmanaged.passRetained(Box {
            ready.wrappingAdd(1, ordering: .relaxed)
            while !go.load(ordering: .acquiring) { sched_yield() }
            body(i)
        }).toOpaque()
        var tid = pthread_t()
        pthread_create(&tid, nil, { raw in
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, box)
        tids.append(tid)
    }
    while ready.load(ordering: .relaxed) < n { sched_yield() }
    let t0 = nowNs()
    go.store(true, ordering: .releasing)
    for tid in tids { pthread_join(tid, nil) }
    return nowNs() - t0
}

struct Result { var ns: Double; var wrong: Int }

/// Single thread: trySend then tryReceive on a roomy ring (the uncontended cost of a pair).
func pairs<C: BlockingChannel>(_ ch: C, _ n: Int) -> Result where C.Element == Int {
    var sink = 0
    let t0 = nowNs()
    for i in 0..<n {
        _ = ch.trySend(i)
        if case .value(let v) = ch.tryReceive() { sink &+= v }
    }
    let dt = nowNs() - t0
    return Result(ns: Double(dt) / Double(n), wrong: sink == -1 ? 1 : 0)
}

func emptyReceives<C: BlockingChannel>(_ ch: C, _ n: Int) -> Result where C.Element == Int {
    var wrong = 0
    let t0 = nowNs()
    for _ in 0..<n { if case .value = ch.tryReceive() { wrong += 1 } }
    return Result(ns: Double(nowNs() - t0) / Double(n), wrong: wrong)
}

func fullSends<C: BlockingChannel>(_ ch: C, _ n: Int) -> Result where C.Element == Int {
    _ = ch.trySend(0)
    var wrong = 0
    let t0 = nowNs()
    for i in 0..<n { if ch.trySend(i) != .full { wrong += 1 } }
    return Result(ns: Double(nowNs() - t0) / Double(n), wrong: wrong)
}

/// `threads` threads, capacity `threads`: send then tryReceive (or, mirrored on a full ring,
/// receive then trySend). `wrong` counts empty/full answers, which are never correct here.
func contended<C: BlockingChannel & Sendable>(_ ch: C, threads: Int, perThread: Int, mirror: Bool) -> Result where C.Element == Int {
    if mirror { for i in 0..<threads { _ = ch.trySend(i) } }
    let wrong = Atomic<Int>(0)
    let dt = onThreads(threads) { t in
        for i in 0..<perThread {
            if mirror {
                _ = ch.receive()
                if ch.trySend(i) != .sent { wrong.wrappingAdd(1, ordering: .relaxed) }
            } else {
                try? ch.send(t)
                if case .value = ch.tryReceive() {} else { wrong.wrappingAdd(1, ordering: .relaxed) }
            }
        }
    }
    return Result(ns: Double(dt) / Double(threads * perThread), wrong: wrong.load(ordering: .relaxed))
}

struct Scenario {
    let name: String
    let old: () -> Result
    let new: () -> Result
}

let n = 5_000_000
let per = 500_000
let scenarios = [
    Scenario(name: "1 thread: trySend + tryReceive pair, cap 1024 (ns/pair)",
             old: { pairs(OldRingChannel<Int>(capacity: 1024), n) }, new: { pairs(RingChannel<Int>(capacity: 1024), n) }),
    Scenario(name: "1 thread: tryReceive on empty, cap 1024 (ns/op)",
             old: { emptyReceives(OldRingChannel<Int>(capacity: 1024), n) }, new: { emptyReceives(RingChannel<Int>(capacity: 1024), n) }),
    Scenario(name: "1 thread: trySend on full, cap 1 (ns/op)",
             old: { fullSends(OldRingChannel<Int>(capacity: 1), n) }, new: { fullSends(RingChannel<Int>(capacity: 1), n) }),
    Scenario(name: "4 threads, cap 4: send + tryReceive (ns/pair, all threads)",
             old: { contended(OldRingChannel<Int>(capacity: 4), threads: 4, perThread: per, mirror: false) },
             new: { contended(RingChannel<Int>(capacity: 4), threads: 4, perThread: per, mirror: false) }),
    Scenario(name: "4 threads, cap 4 full: receive + trySend (ns/pair, all threads)",
             old: { contended(OldRingChannel<Int>(capacity: 4), threads: 4, perThread: per, mirror: true) },
             new: { contended(RingChannel<Int>(capacity: 4), threads: 4, perThread: per, mirror: true) }),
    Scenario(name: "8 threads, cap 8: send + tryReceive (ns/pair, all threads)",
             old: { contended(OldRingChannel<Int>(capacity: 8), threads: 8, perThread: per / 2, mirror: false) },
             new: { contended(RingChannel<Int>(capacity: 8), threads: 8, perThread: per / 2, mirror: false) }),
]

let rounds = Int(getenv("ROUNDS").map { String(cString: $0) } ?? "7") ?? 7
var times = Array(repeating: (old: [Double](), new: [Double]()), count: scenarios.count)
var wrong = Array(repeating: (old: 0, new: 0), count: scenarios.count)
for r in 0..<rounds {
    for (i, s) in scenarios.enumerated() {
        // Alternate which goes first so neither always runs on a warmer machine.
        let order = r % 2 == 0 ? [true, false] : [false, true]
        for isOld in order {
            let res = isOld ? s.old() : s.new()
            if isOld { times[i].old.append(res.ns); wrong[i].old += res.wrong } else { times[i].new.append(res.ns); wrong[i].new += res.wrong }
        }
    }
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
func fmt(_ x: Double) -> String {
    if x >= 100 { return String(Int(x.rounded())) }
    let t = Int((x * 10).rounded())
    return "\(t / 10).\(t % 10)"
}
func ratio(_ x: Double) -> String {
    let t = Int((x * 100).rounded())
    return "\(t / 100).\(t % 100 < 10 ? "0" : "")\(t % 100)×"
}
print("| scenario (median of \(rounds) rounds) | old | new | new ÷ old | wrong answers old / new |")
print("|---|---:|---:|---:|---:|")
for (i, s) in scenarios.enumerated() {
    let o = median(times[i].old), nw = median(times[i].new)
    print("| \(s.name) | \(fmt(o)) | \(fmt(nw)) | \(ratio(nw / o)) | \(wrong[i].old) / \(wrong[i].new) |")
}
