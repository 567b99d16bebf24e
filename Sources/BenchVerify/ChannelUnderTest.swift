import Synchronization
import Channels
import BenchSupport

/// One channel being verified, seen through a single synchronous interface so the sequential
/// and controlled checks (try/timeout, close, capacity, no-leak, linearizability) are written
/// once for both kinds.
///
/// Blocking channels are called directly. A suspending channel's waiting operations run in a
/// task while the calling *thread* blocks for the result (never call those from inside the
/// cooperative pool); its try operations are synchronous already. The heavy concurrent checks
/// do not go through this: they drive suspending channels from real tasks.
package final class ChannelUnderTest<Element: Sendable>: Sendable {
    enum Storage: Sendable {
        case blocking(any BlockingChannel<Element>)
        case suspending(any SuspendingChannel<Element>)
    }

    let storage: Storage
    let descriptor: ChannelDescriptor
    let capacity: ChannelCapacity
    /// Operations made through this wrapper; added to the run's count when it goes away.
    private let operations = Atomic<Int>(0)

    deinit { OperationCount.add(operations.load(ordering: .relaxed)) }

    private func counted() { operations.wrappingAdd(1, ordering: .relaxed) }

    init(_ descriptor: ChannelDescriptor, capacity: ChannelCapacity) {
        self.descriptor = descriptor
        self.capacity = capacity
        switch descriptor.maker {
        case .blocking(let m): storage = .blocking(m.make(Element.self, capacity: capacity))
        case .suspending(let m): storage = .suspending(m.make(Element.self, capacity: capacity))
        }
    }

    /// The try and timeout operations exist (blocking channels that claim them, or
    /// `TimedSuspendingChannel`s).
    var hasTryOperations: Bool {
        descriptor.supportsTryAndTimeout && conformsToTimed
    }

    private var timed: any TimedSuspendingChannel<Element> {
        guard case .suspending(let c) = storage, let t = c as? any TimedSuspendingChannel<Element> else {
            preconditionFailure("\(descriptor.name) has no try/timeout operations")
        }
        return t
    }

    /// Whether the channel has try/timeout operations at all, whatever its descriptor claims.
    var conformsToTimed: Bool {
        switch storage {
        case .blocking: return true
        case .suspending(let c): return c is any TimedSuspendingChannel<Element>
        }
    }

    /// The capacity the channel reports (compared with the one it was made with).
    var reportedCapacity: ChannelCapacity {
        switch storage {
        case .blocking(let c): return c.capacity
        case .suspending(let c): return c.capacity
        }
    }

    /// What the channel reports it dropped, as it reports it.
    var droppedCount: Int? {
        switch storage {
        case .blocking(let c): return c.droppedCount
        case .suspending(let c): return c.droppedCount
        }
    }

    var count: Int {
        switch storage {
        case .blocking(let c): return c.count
        case .suspending(let c): return c.count
        }
    }

    var isClosed: Bool {
        switch storage {
        case .blocking(let c): return c.isClosed
        case .suspending(let c): return c.isClosed
        }
    }

    func close() {
        counted()
        switch storage {
        case .blocking(let c): c.close()
        case .suspending(let c): c.close()
        }
    }

    /// How a blocking/suspending `send` ended.
    enum SendOutcome: Equatable, Sendable {
        case sent
        case closed
        /// Threw something other than `ChannelClosedError` (a contract violation here).
        case otherError(String)
    }

    func send(_ e: Element) -> SendOutcome {
        counted()
        switch storage {
        case .blocking(let c):
            do { try c.send(e); return .sent } catch { return .closed }
        case .suspending(let c):
            return blockOn {
                do {
                    try await c.send(e)
                    return .sent
                } catch is ChannelClosedError {
                    return .closed
                } catch {
                    return .otherError(String(describing: error))
                }
            }
        }
    }

    func receive() -> Element? {
        counted()
        switch storage {
        case .blocking(let c): return c.receive()
        case .suspending(let c): return blockOn { await c.receive() }
        }
    }

    func trySend(_ e: Element) -> TrySendResult {
        counted()
        switch storage {
        case .blocking(let c): return c.trySend(e)
        case .suspending: return timed.trySend(e)
        }
    }

    func tryReceive() -> TryReceiveResult<Element> {
        counted()
        switch storage {
        case .blocking(let c): return c.tryReceive()
        case .suspending: return timed.tryReceive()
        }
    }

    func send(_ e: Element, timeout: Duration) -> SendTimeoutResult {
        counted()
        switch storage {
        case .blocking(let c): return c.send(e, timeout: timeout)
        case .suspending:
            let t = timed
            return blockOn { await t.send(e, timeout: timeout) }
        }
    }

    func receive(timeout: Duration) -> ReceiveTimeoutResult<Element> {
        counted()
        switch storage {
        case .blocking(let c): return c.receive(timeout: timeout)
        case .suspending:
            let t = timed
            return blockOn { await t.receive(timeout: timeout) }
        }
    }
}

/// Channel operations performed by the checks, read by the runner before and after each
/// implementation × check pair. Checks that drive a channel directly (not through
/// ``ChannelUnderTest``) add their own totals once they finish.
enum OperationCount {
    private static let total = Atomic<Int>(0)
    static func add(_ n: Int) { total.wrappingAdd(n, ordering: .relaxed) }
    static var current: Int { total.load(ordering: .relaxed) }
}
