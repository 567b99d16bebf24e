import CChanbenchShims
import BenchSupport

/// `--pin`: each worker thread of a run is pinned to one CPU, round-robin over the CPUs the
/// process may use, in role order (producers first, then consumers), so an spsc pair sits on
/// two different CPUs and stays there. Tasks are not pinned: the cooperative pool's threads
/// are not the runtime's to give away.
enum CPUPinning {
    /// The CPUs of this process's affinity mask, in order (empty if it cannot be read).
    static let allowedCPUs: [Int] = {
        var cpus = [Int32](repeating: 0, count: 1024)
        let n = cpus.withUnsafeMutableBufferPointer { chanbench_allowed_cpus($0.baseAddress, Int32($0.count)) }
        return n > 0 ? cpus.prefix(Int(n)).map(Int.init) : []
    }()

    /// The CPU for worker `index`, or `nil` when not pinning (or the mask is unreadable).
    static func cpu(forWorker index: Int, pin: Bool) -> Int? {
        guard pin, !allowedCPUs.isEmpty else { return nil }
        return allowedCPUs[index % allowedCPUs.count]
    }

    /// Pins the calling thread to `cpu`; says so on stderr if the kernel refuses.
    static func pinCurrentThread(to cpu: Int) {
        let rc = chanbench_pin_current_thread(Int32(cpu))
        if rc != 0 { StandardError.write("warning: --pin: sched_setaffinity(cpu \(cpu)) failed with errno \(rc)") }
    }
}

/// The region `make bench-instructions` counts: callgrind's `--toggle-collect` names this
/// function, so only the instructions of worker threads' roles are counted, not the monitor,
/// the watchdog or start-up. Not inlined, so the symbol exists; one call per worker.
enum InstructionCountedRegion {
    @inline(never)
    static func workerRole(_ body: () -> Void) { body() }
}
