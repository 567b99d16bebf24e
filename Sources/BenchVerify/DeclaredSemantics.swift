import Channels

/// What the registry and the adapter's declared traits promise about one channel, in the
/// terms the checks need. Checks read these instead of assuming a hard-capacity, confirming,
/// lossless channel, so a declared behaviour (a watermark, a lossy buffer, an unconfirmed
/// send on close) is checked against its own promise and never silently excused for others.
extension ChannelDescriptor {
    /// `true` for a watermark design (``ChannelDescriptor/capacityOvershootPerProducer`` > 0):
    /// the send that brings the buffer to the high mark is accepted and *then* waits.
    var hasWatermarkCapacity: Bool { capacityOvershootPerProducer > 0 }

    /// How many sends a lone producer completes into an empty bounded channel with nobody
    /// receiving, before one waits: `n` for a hard capacity, `n - 1` for a watermark (the
    /// n-th is buffered, then its send waits for demand). `nil` when unbounded.
    func sendsCompletingWithoutReceiver(_ capacity: ChannelCapacity) -> Int? {
        capacity.limit.map { hasWatermarkCapacity ? max(0, $0 - 1) : $0 }
    }
}

extension ChannelUnderTest {
    /// The adapter declares (``UnconfirmedSendOnCloseChannel``) that a send suspended when
    /// `close()` runs may return normally without having delivered its element.
    var sendPendingAtCloseMayReturnNormally: Bool {
        switch storage {
        case .blocking(let c): return c is UnconfirmedSendOnCloseChannel
        case .suspending(let c): return c is UnconfirmedSendOnCloseChannel
        }
    }

    /// Elements a lossy channel dropped, when it counts them (``DroppedCountReportingChannel``).
    var droppedCount: Int? {
        switch storage {
        case .blocking(let c): return (c as? DroppedCountReportingChannel)?.droppedCount
        case .suspending(let c): return (c as? DroppedCountReportingChannel)?.droppedCount
        }
    }

    /// The watermarks of a ``WatermarkCapacityChannel`` (`nil` for anything else or when
    /// unbounded): waiting producers resume once the level falls below `low`.
    var watermarks: (low: Int, high: Int)? {
        let w: WatermarkCapacityChannel?
        switch storage {
        case .blocking(let c): w = c as? WatermarkCapacityChannel
        case .suspending(let c): w = c as? WatermarkCapacityChannel
        }
        guard let w, let low = w.lowWatermark, let high = w.highWatermark else { return nil }
        return (low, high)
    }
}
