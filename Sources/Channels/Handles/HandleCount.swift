import Synchronization

/// Counts live handles of one side (senders or receivers). When the count reaches zero the
/// channel is closed: the last sender gone ends the receivers' iteration, as in Rust's `mpsc`;
/// the last receiver gone makes further sends fail instead of blocking forever. The harness
/// counts its producers with it too: the last one to finish closes the channel.
package final class HandleCount: Sendable {
    private let live: Atomic<Int>

    /// `live` holders to start with (a new channel's one handle per side; a run's producers).
    package init(_ live: Int = 1) { self.live = Atomic(live) }

    package func retain() {
        live.wrappingAdd(1, ordering: .relaxed)
    }

    /// Returns `true` if this was the last holder.
    package func release() -> Bool {
        // acquiringAndReleasing: every earlier send by another handle happens-before the close.
        live.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0
    }
}
