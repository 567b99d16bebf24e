/// A detached task that sleeps until `deadline` (re-checking CLOCK_MONOTONIC, so it never
/// fires early) and then runs `expire`. The actor channel's timed operations and the async
/// select's timeout use it: `expire` claims the waiter under its lock (removes it from the
/// queue, claims the select's token) and resumes it only if that succeeded; if the waiter has
/// already been completed (hand-over, close), `expire` finds nothing. Cancelling the task
/// stops it without running `expire`. Detached, so the sleep never occupies an actor.
@usableFromInline
func startDeadlineTimer(
    _ deadline: MonotonicDeadline,
    expire: @escaping @Sendable () -> Void
) -> Task<Void, Never> {
    Task.detached {
        while case let remaining = deadline.remainingNanoseconds, remaining > 0 {
            do { try await Task.sleep(nanoseconds: remaining) } catch { return }
        }
        expire()
    }
}
