import Channels
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The benchmark talks to channels through these two tiny protocols so one generic driver
// serves every flavor. The driver is specialized in this module for each concrete type, so a
// call like `tx.put(i)` becomes a direct call of, say, `CondvarChannel<Int>.send(_:)` — exactly
// what a user's own code calling the channel gets.

protocol SyncTx: Sendable { func put(_ value: Int) }
protocol SyncRx: Sendable { func take() -> Int? }
protocol AsyncTx: Sendable { func put(_ value: Int) async }
protocol AsyncRx: Sendable { func take() async -> Int? }

extension CondvarChannel: SyncTx, SyncRx where Element == Int {
    func put(_ value: Int) { do { try send(value) } catch { fatalError("send on a closed channel") } }
    func take() -> Int? { receive() }
}

extension DispatchChannel: SyncTx, SyncRx where Element == Int {
    func put(_ value: Int) { do { try send(value) } catch { fatalError("send on a closed channel") } }
    func take() -> Int? { receive() }
}

extension RingChannel: SyncTx, SyncRx where Element == Int {
    func put(_ value: Int) { do { try send(value) } catch { fatalError("send on a closed channel") } }
    func take() -> Int? { receive() }
}

extension Sender: SyncTx where Element == Int {
    func put(_ value: Int) { do { try send(value) } catch { fatalError("send on a closed channel") } }
}

extension Receiver: SyncRx where Element == Int {
    func take() -> Int? { receive() }
}

extension ActorChannel: AsyncTx, AsyncRx where Element == Int {
    nonisolated func put(_ value: Int) async {
        do { try await send(value) } catch { fatalError("send failed: \(error)") }
    }
    nonisolated func take() async -> Int? { await receive() }
}

extension AsyncSender: AsyncTx where Element == Int {
    func put(_ value: Int) async {
        do { try await send(value) } catch { fatalError("send failed: \(error)") }
    }
}

extension AsyncReceiver: AsyncRx where Element == Int {
    func take() async -> Int? { await receive() }
}

/// CLOCK_MONOTONIC in nanoseconds.
func nowNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// One finished run: wall time from the first worker's start to the last one's end, and the
/// sum of the received values (checked against what was sent, so a lost or duplicated
/// message cannot go unnoticed).
struct RunResult {
    var nanoseconds: UInt64
    var checksum: Int
}

/// A plain pthread, so thread start-up involves nothing but the C library.
private final class ThreadBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

private func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t {
    let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let rc = pthread_create(&thread, nil, { raw in
        let box = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
        box.body()
        return nil
    }, box)
    precondition(rc == 0, "pthread_create failed: \(rc)")
    return thread
}

/// Written by exactly one thread before it ends; read after `pthread_join`.
private final class Slot: @unchecked Sendable {
    var value = 0
}

/// `senders.count` producer threads each send `perProducer` values (0, 1, 2, …); one consumer
/// thread receives all of them.
func runThreads<Tx: SyncTx, Rx: SyncRx>(senders: [Tx], receiver: Rx, perProducer: Int) -> RunResult {
    let total = perProducer * senders.count
    let sum = Slot()
    let start = nowNanoseconds()
    var threads: [pthread_t] = []
    threads.reserveCapacity(senders.count + 1)
    threads.append(startThread {
        var s = 0
        for _ in 0..<total {
            guard let v = receiver.take() else { fatalError("channel closed early") }
            s &+= v
        }
        sum.value = s
    })
    for tx in senders {
        threads.append(startThread {
            for i in 0..<perProducer { tx.put(i) }
        })
    }
    for t in threads { pthread_join(t, nil) }
    return RunResult(nanoseconds: nowNanoseconds() &- start, checksum: sum.value)
}

/// The same workload on tasks of the global concurrent executor.
func runTasks<Tx: AsyncTx, Rx: AsyncRx>(senders: [Tx], receiver: Rx, perProducer: Int) async -> RunResult {
    let total = perProducer * senders.count
    let start = nowNanoseconds()
    let checksum = await withTaskGroup(of: Int.self) { group in
        group.addTask {
            var s = 0
            for _ in 0..<total {
                guard let v = await receiver.take() else { fatalError("channel closed early") }
                s &+= v
            }
            return s
        }
        for tx in senders {
            group.addTask {
                for i in 0..<perProducer { await tx.put(i) }
                return 0
            }
        }
        var s = 0
        for await part in group { s &+= part }
        return s
    }
    return RunResult(nanoseconds: nowNanoseconds() &- start, checksum: checksum)
}

/// One task alternately sends a batch (half the capacity, so it never waits) and receives
/// it back: the channel's own fast paths on an actor that no other task contends, so no hop
/// ever has to be queued.
func runTaskSequence<Tx: AsyncTx, Rx: AsyncRx>(sender: Tx, receiver: Rx, messages: Int, batch: Int) async -> RunResult {
    let start = nowNanoseconds()
    var sum = 0
    var sent = 0
    while sent < messages {
        let n = min(batch, messages - sent)
        for i in sent..<(sent + n) { await sender.put(i) }
        for _ in 0..<n {
            guard let v = await receiver.take() else { fatalError("channel closed early") }
            sum &+= v
        }
        sent += n
    }
    return RunResult(nanoseconds: nowNanoseconds() &- start, checksum: sum)
}

/// The calling thread alternately sends a batch (half the capacity, so it never blocks) and
/// receives it back: the channel's own per-operation cost, with no other thread to wait for,
/// so the figure barely depends on how busy the machine is.
func runThreadSequence<Tx: SyncTx, Rx: SyncRx>(sender: Tx, receiver: Rx, messages: Int, batch: Int) -> RunResult {
    let start = nowNanoseconds()
    var sum = 0
    var sent = 0
    while sent < messages {
        let n = min(batch, messages - sent)
        for i in sent..<(sent + n) { sender.put(i) }
        for _ in 0..<n {
            guard let v = receiver.take() else { fatalError("channel closed early") }
            sum &+= v
        }
        sent += n
    }
    return RunResult(nanoseconds: nowNanoseconds() &- start, checksum: sum)
}
