import Channels
import BenchSupport

/// Everything measured around one run's traffic window, before the oracle looks at it.
package struct TrafficWindow: Sendable {
    var seconds: Double
    var usage: ResourceUsage
    /// Allocation requests during the window (`nil` without jemalloc statistics).
    var allocations: UInt64?
    var peakAllocated: Int?
    var peakResident: Int?
    var maxObservedCount: Int
    var sendFailures: Int
    /// The watchdog fired: the workers did not finish within the run timeout.
    var timedOut: Bool
    /// Workers still running after the timeout and the grace period (left behind).
    var abandoned: Bool
}

/// The measurement protocol shared by both drivers:
/// 1. start the monitor and every worker; workers wait at the start gate;
/// 2. when all have arrived: read getrusage and jemalloc, take t0, release everyone;
/// 3. wait for the completion latch, at most `timeout` (the watchdog);
/// 4. t1 = the last worker's finish time; read getrusage and jemalloc again.
/// On timeout `abort` runs (it closes the channels, which must wake every blocked worker);
/// workers that still do not finish within a grace period are abandoned: a thread cannot be
/// killed, so it is left blocked — the run is reported failed and the suite moves on.
package enum Measurement {
    static func measure(_ workers: Workers,
                        settings: EngineSettings,
                        count: @escaping @Sendable () -> Int,
                        sendFailures: SendFailures,
                        abort: @escaping @Sendable () -> Void) -> TrafficWindow {
        let n = workers.count
        let finish = FinishTimes(count: n)
        let latch = CompletionLatch(count: n)
        let monitor = RunMonitor(count: count)
        monitor.start()
        let arrivalDeadline = monotonicNanoseconds() + 30_000_000_000
        let gate = StartGate()
        var tasks: [Task<Void, Never>] = []

        switch workers {
        case .threads(let bodies):
            for (i, body) in bodies.enumerated() {
                let cpu = CPUPinning.cpu(forWorker: i, pin: settings.pin)
                ThreadDriver.start {
                    if let cpu { CPUPinning.pinCurrentThread(to: cpu) }
                    gate.arriveAndWait()
                    InstructionCountedRegion.workerRole(body)
                    finish.set(i, monotonicNanoseconds())
                    JemallocStats.flushThreadCache()
                    latch.countDown()
                }
            }
        case .tasks(let bodies):
            for (i, body) in bodies.enumerated() {
                tasks.append(Task.detached {
                    await gate.arrive()
                    await body()
                    finish.set(i, monotonicNanoseconds())
                    JemallocStats.flushThreadCache()
                    latch.countDown()
                })
            }
        }
        _ = gate.waitForArrivals(n, deadline: arrivalDeadline)

        JemallocStats.refresh()
        let allocs0 = JemallocStats.allocationRequests()
        let usage0 = ResourceUsage.now()
        let t0 = monotonicNanoseconds()
        gate.open()

        let deadline = t0 + UInt64(max(settings.timeout, 0.001) * 1e9)
        var finished = latch.wait(untilNanoseconds: deadline)
        var timedOut = false
        var abandoned = false
        if !finished {
            timedOut = true
            abort()
            for t in tasks { t.cancel() }
            finished = latch.wait(untilNanoseconds: monotonicNanoseconds() + 2_000_000_000)
            abandoned = !finished
        }
        let t1 = finished ? finish.latest : monotonicNanoseconds()
        let usage1 = ResourceUsage.now()
        JemallocStats.refresh()
        let allocs1 = JemallocStats.allocationRequests()
        monitor.stop()

        var allocations: UInt64?
        if let a0 = allocs0, let a1 = allocs1, JemallocStats.isAvailable { allocations = a1 &- a0 }
        return TrafficWindow(
            seconds: Double(t1 &- t0) / 1e9,
            usage: usage1.since(usage0),
            allocations: allocations,
            peakAllocated: monitor.peakAllocated > 0 ? monitor.peakAllocated : nil,
            peakResident: monitor.peakResident > 0 ? monitor.peakResident : nil,
            maxObservedCount: monitor.maxCount,
            sendFailures: sendFailures.count,
            timedOut: timedOut,
            abandoned: abandoned)
    }
}
