/// Traits of ecosystem adapters that the registry's flags cannot express. The semantics suite
/// reads them (by a dynamic cast on the channel) so it checks exactly what each adapter
/// promises, and the harness can label results with them.

/// The channel's capacity is a *watermark*, not a hard limit: producers are told to wait once
/// the buffer reaches `highWatermark`, but an element is buffered before that verdict, so the
/// send that reaches the mark is accepted and then waits, and every concurrently sending
/// producer can add one more. The buffer may therefore exceed `capacity.limit` by up to
/// (concurrent producers − 1); waiters resume once it falls below `lowWatermark`. Both are
/// `nil` for an unbounded channel.
public protocol WatermarkCapacityChannel: AnyObject {
    var lowWatermark: Int? { get }
    var highWatermark: Int? { get }
}

/// A `send` that is suspended when `close()` runs (or whose task is cancelled) may return
/// normally although its element was *not* delivered, because the underlying type resumes it
/// without saying whether it was. Only sends that complete while the channel is open and the
/// task uncancelled are known to have delivered.
public protocol UnconfirmedSendOnCloseChannel: AnyObject {}

/// A lossy channel (registry `lossy: true`) that counts what it dropped: every `send` that
/// returned normally either delivered its element or added one to `droppedCount`, so
/// `received + droppedCount == sent` once the channel is drained. The verifier checks that.
public protocol DroppedCountReportingChannel: AnyObject {
    var droppedCount: Int { get }
}
