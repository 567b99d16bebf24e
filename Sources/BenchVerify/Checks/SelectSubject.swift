import Channels
import BenchSupport

/// The channels a select check works on, blocking (``Select`` over ``SelectableChannel``s) or
/// async (``AsyncSelect`` over actor channels), behind one face: the wakeup and fairness
/// scenarios are written once, and only how a select is made and waited on differs.
struct SelectSubject {
    let count: Int
    let trySend: (_ channel: Int, _ element: Int) -> TrySendResult
    let tryReceive: (_ channel: Int) -> TryReceiveResult<Int>
    let close: (_ channel: Int) -> Void
    /// Parks one select receiving from every channel (a thread or a task); its result is the
    /// channel it took from and the element, or `nil` for a closed channel.
    let parkReceiver: (_ stall: Duration, _ settle: Duration) -> (group: WorkerGroup, results: PthreadLockedState<[SelectedValue?]>)
    /// Parks one select sending `element` to every channel; its result is the channel it sent to.
    let parkSender: (_ element: Int, _ stall: Duration, _ settle: Duration) -> (group: WorkerGroup, results: PthreadLockedState<[Int?]>)
    /// A non-blocking select receiving from every channel, its choices drawn from `seed`:
    /// each call performs one ready receive and returns its channel, or `nil` if none is ready.
    let readyPicker: (_ seed: UInt64) -> () -> Int?

    func closeAll() { for i in 0..<count { close(i) } }

    /// `count` channels of `d` at `capacity`, blocking or async as `d` declares, or `nil`
    /// (with the reason in `t`) if its channels are not the kind its descriptor says.
    static func make(_ d: ChannelDescriptor, capacity: ChannelCapacity, count: Int, _ t: Transcript) -> SelectSubject? {
        if d.kind == .async {
            guard let chs = SelectUnderTest.makeActors(d, capacity: capacity, count: count, t) else { return nil }
            return async(chs)
        }
        guard let chs = SelectUnderTest.make(d, capacity: capacity, count: count, t) else { return nil }
        return blocking(chs)
    }

    private static func blocking(_ chs: [any SelectableChannel<Int>]) -> SelectSubject {
        SelectSubject(
            count: chs.count,
            trySend: { chs[$0].trySend($1) },
            tryReceive: { chs[$0].tryReceive() },
            close: { chs[$0].close() },
            parkReceiver: { stall, settle in
                parkWaiters("selecting receiver", count: 1, in: .select, stall: stall, settle: settle) { _ in
                    var select = Select<SelectedValue>()
                    for (i, ch) in chs.enumerated() { select.receive(from: ch) { SelectedValue(channel: i, value: $0) } }
                    return select.wait()
                }
            },
            parkSender: { element, stall, settle in
                parkWaiters("selecting sender", count: 1, in: .select, stall: stall, settle: settle) { _ in
                    var select = Select<Int>()
                    for (i, ch) in chs.enumerated() { select.send(element, to: ch) { _ in i } }
                    return select.wait()
                }
            },
            readyPicker: { seed in
                var select = Select<Int>(seed: seed)
                for (i, ch) in chs.enumerated() { select.receive(from: ch) { _ in i } }
                return { select.tryWait() }
            }
        )
    }

    private static func async(_ chs: [ActorChannel<Int>]) -> SelectSubject {
        SelectSubject(
            count: chs.count,
            trySend: { chs[$0].trySend($1) },
            tryReceive: { chs[$0].tryReceive() },
            close: { chs[$0].close() },
            // Only the watchdog cancels these waits, after the hang is reported: channel -1 then.
            parkReceiver: { stall, settle in
                parkTaskWaiters("selecting receiver task", count: 1, in: .select, stall: stall, settle: settle) { _ in
                    var select = AsyncSelect<SelectedValue>()
                    for (i, ch) in chs.enumerated() { select.receive(from: ch) { SelectedValue(channel: i, value: $0) } }
                    return (try? await select.wait()) ?? SelectedValue(channel: -1, value: nil)
                }
            },
            parkSender: { element, stall, settle in
                parkTaskWaiters("selecting sender task", count: 1, in: .select, stall: stall, settle: settle) { _ in
                    var select = AsyncSelect<Int>()
                    for (i, ch) in chs.enumerated() { select.send(element, to: ch) { _ in i } }
                    return (try? await select.wait()) ?? -1
                }
            },
            readyPicker: { seed in
                var select = AsyncSelect<Int>()
                for (i, ch) in chs.enumerated() { select.receive(from: ch) { _ in i } }
                var generator = SeededGenerator(seed: seed)
                return { select.tryWait(using: &generator) }
            }
        )
    }
}
