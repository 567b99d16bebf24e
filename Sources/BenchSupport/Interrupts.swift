#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// What SIGINT and SIGTERM do to a command that writes files: instead of dying mid-row, it runs
/// the registered stop actions (newest first: finish the CSV with an `interrupted` trailer,
/// forward the signal to a child and collect its rows, remove scratch folders), then exits
/// 128 + the signal number (130 for SIGINT, 143 for SIGTERM), as a shell reports a killed job.
///
/// The signals are taken from a dispatch queue, not from a C signal handler, so the actions may
/// lock, allocate and write files; the thread running the benchmark is left where it is.
package enum Interrupts {
    package typealias Action = @Sendable (_ signal: Int32) -> Void

    private struct State {
        var installed = false
        var nextToken = 0
        var actions: [(token: Int, action: Action)] = []
        var stopping = false
    }

    private static let state = Mutex(State())
    // The sources must outlive `install`; touched only inside `install`, under the state lock.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let queue = DispatchQueue(label: "chanbench.interrupts")

    /// Starts handling SIGINT and SIGTERM (idempotent).
    package static func install() {
        state.withLock { s in
            guard !s.installed else { return }
            s.installed = true
            for sig in [SIGINT, SIGTERM] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                source.setEventHandler { stop(signal: sig, status: 128 + sig) }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Registers an action for an interrupt; returns a token for `remove`.
    @discardableResult
    package static func onInterrupt(_ action: @escaping Action) -> Int {
        install()
        return state.withLock { s in
            s.nextToken += 1
            s.actions.append((s.nextToken, action))
            return s.nextToken
        }
    }

    /// Unregisters an action once what it protects is finished.
    package static func remove(_ token: Int) {
        state.withLock { s in s.actions.removeAll { $0.token == token } }
    }

    /// Runs every registered action (newest first) once, flushes stdio and exits with `status`.
    /// Also what a watchdog calls when a run is stuck where nothing can stop it.
    package static func stop(signal sig: Int32, status: Int32) -> Never {
        let actions: [Action]? = state.withLock { s in
            if s.stopping { return nil }
            s.stopping = true
            return s.actions.reversed().map(\.action)
        }
        // A second signal while the actions run must not run them twice: wait for the first.
        guard let actions else { while true { pause() } }
        for action in actions { action(sig) }
        fflush(nil)
        _exit(status)
    }
}
