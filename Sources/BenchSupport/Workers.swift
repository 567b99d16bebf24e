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
