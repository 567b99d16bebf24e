/// Which side of a channel a select operation is on.
public enum SelectSide: Sendable, Equatable {
    case receive
    case send
}

/// A blocking channel that a ``Select`` can wait on among others: the shape of crossbeam's
/// `SelectHandle`. Optional for plug-ins; a flavor that conforms declares
/// ``ChannelDescriptor/SelectParticipation/blocking`` (or a restriction of it).
///
/// A select *performs* an operation only through the channel's own `tryReceive`/`trySend`,
/// so exactly one operation completes per select whatever the channel does. Registration
/// exists only to be *woken*; the conformer's obligations are:
/// - ``registerSelect(_:for:)`` adds the waiter so that every state change made after it
///   returns — a message arriving (receive side), room appearing (send side), or close (both)
///   — selects at least one still-waiting registered select or wakes a plainly blocked thread
///   of that side (``SelectWaiters/notifyOne()``), and returns whether the operation is ready
///   *now*, judged after the registration is visible to notifiers (the re-check that closes
///   the register/notify race).
/// - ``unregisterSelect(_:for:)`` removes it again; after it returns the channel no longer
///   references the waiter.
/// - A channel that cannot take part at some capacity says so in ``acceptsSelect``.
public protocol SelectableChannel<Element>: BlockingChannel {
    /// Whether this channel instance can be selected over (e.g. `false` for a rendezvous
    /// channel whose hand-off a select cannot join).
    var acceptsSelect: Bool { get }

    /// Registers `waiter` on `side`; returns `true` if that operation is ready now (an element
    /// or room is there, or the channel is closed), `false` if it will be notified.
    func registerSelect(_ waiter: SelectWaiter, for side: SelectSide) -> Bool

    /// Removes a registration made by ``registerSelect(_:for:)``.
    func unregisterSelect(_ waiter: SelectWaiter, for side: SelectSide)
}
