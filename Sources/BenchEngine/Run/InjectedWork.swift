import Foundation
import CChanbenchShims
import BenchModel

/// Extra work per message, for self-checks that a known slowdown is detected (test-only:
/// `CHANBENCH_INJECT_WORK=<loop iterations per message>`, read once). Each sending loop is
/// written generic over it and chosen once per role, so with the variable unset the loop is
/// the same code as without the knob: it costs nothing per message.
protocol PerMessageWork {
    /// Runs once per message sent, just before the send.
    func perform()
}

/// The default: nothing.
struct NoInjectedWork: PerMessageWork {
    @inline(__always) func perform() {}
}

/// `iterations` turns of a loop the optimizer keeps (see `chanbench_spin`).
package struct InjectedWork: PerMessageWork {
    let iterations: Int

    @inline(__always) func perform() { chanbench_spin(UInt(iterations)) }

    /// The environment variable that sets it.
    package static let variable = "CHANBENCH_INJECT_WORK"

    /// The configured work, or `nil` when the variable is unset or 0.
    static let configured: InjectedWork? = {
        guard let n = try? iterations(in: ProcessInfo.processInfo.environment[variable]), n > 0 else { return nil }
        return InjectedWork(iterations: n)
    }()

    /// Refuses a malformed variable before anything runs, so a typo never runs unslowed.
    package static func validateEnvironment() throws(BenchInputError) {
        _ = try iterations(in: ProcessInfo.processInfo.environment[variable])
    }

    /// Parses the variable's value: unset is 0, anything but a non-negative integer is refused.
    package static func iterations(in value: String?) throws(BenchInputError) -> Int {
        guard let value else { return 0 }
        guard let n = Int(value), n >= 0 else { throw .badEnvironment(variable: variable, value: value, expected: "a loop count >= 0") }
        return n
    }

    /// A `# injected_work_per_msg:` metadata line when the knob is on, so a slowed file says so.
    static var metadata: [(key: String, value: String)] {
        configured.map { [("injected_work_per_msg", "\($0.iterations) loop iterations (\(variable))")] } ?? []
    }
}
