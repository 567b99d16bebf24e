/// The correctness verdict of one run. No figure is reported from a run whose verdict failed.
package struct OracleVerdict: Sendable, Equatable {
    /// `nil` when every check passed; otherwise the first failed invariant, named
    /// (e.g. `exactly-once: 12 messages lost`).
    package var failure: String?
    /// Messages a *lossy* implementation dropped by design (always 0 for the others).
    package var lost: Int

    package var passed: Bool { failure == nil }

    package init(failure: String?, lost: Int) {
        self.failure = failure
        self.lost = lost
    }
}
