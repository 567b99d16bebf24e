import Channels

/// The workers of one run: OS threads (for blocking channels, whose operations block the
/// calling thread) or tasks (for suspending channels). One type, so the code that starts,
/// times and watches workers is written once for both.
package enum Workers: Sendable {
    case threads([@Sendable () -> Void])
    case tasks([@Sendable () async -> Void])

    package var count: Int {
        switch self {
        case .threads(let bodies): return bodies.count
        case .tasks(let bodies): return bodies.count
        }
    }
}

extension Workers {
    /// Starts every worker (a thread each, or a detached task each) and returns once all have
    /// finished, with no deadline. The caller suspends rather than blocks, so task workers
    /// keep every thread of the cooperative pool.
    package func run() async {
        guard count > 0 else { return }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let left = HandleCount(count)
            switch self {
            case .threads(let bodies):
                for body in bodies {
                    ThreadDriver.start {
                        body()
                        if left.release() { done.resume() }
                    }
                }
            case .tasks(let bodies):
                for body in bodies {
                    Task.detached {
                        await body()
                        if left.release() { done.resume() }
                    }
                }
            }
        }
    }
}
