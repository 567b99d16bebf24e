import Channels
import Testing

/// Dropping the other side's last handle, as crossbeam's `disconnect_wakes_sender`,
/// `recv_timeout`/`send_timeout` and `try_recv`/`try_send` tests do it: the channel closes,
/// waiters (timed ones included) end with "closed" instead of waiting on, and every later
/// operation says closed. The deadlines of waits expected to end by the drop are on the
/// watchdog's scale: only a missed wake-up may make them run out.
@Suite struct PeerHandleDropTests {
    // MARK: async receivers

    @Test("releasing the last AsyncReceiver, not an earlier clone, fails later sends", arguments: AsyncCases.all)
    func lastAsyncReceiverFailsLaterSends(_ c: AsyncCase) async {
        await withWatchdog("last receiver \(c.testDescription)") {
            var (txOrNil, rx) = makeAsyncHandles(c, of: Int.self)
            let tx = txOrNil!
            release(&txOrNil)
            var clone: AsyncReceiver<Int>? = rx!.clone()
            release(&rx)
            // Read into locals first: a failed #expect reflects the operands it names, and
            // reflecting some adapters (those holding noncopyable state) traps.
            let closedWithCloneAlive = tx.channel.isClosed
            #expect(!closedWithCloneAlive, "a live clone must keep the channel open")
            release(&clone)
            let closedAfterLast = tx.channel.isClosed
            #expect(closedAfterLast)
            await #expect(throws: ChannelClosedError.self) { try await tx.send(1) }
            if let timed = tx.channel as? any TimedSuspendingChannel<Int> {
                #expect(timed.trySend(2) == .closed)
                #expect(await timed.send(3, timeout: .seconds(5)) == .closed)
            }
        }
    }

    /// A send waiting for room (or, at capacity 0, for a receiver) is woken when the last
    /// receiver goes, and tells the truth: one that threw was not delivered, one that returned
    /// normally was (where the adapter can know; see ``ChannelDescriptor/SendPendingAtClose``).
    @Test("releasing the last AsyncReceiver wakes a suspended sender", arguments: AsyncCases.backpressured)
    func lastAsyncReceiverWakesSuspendedSender(_ c: AsyncCase) async {
        await withWatchdog("receiver drop wakes sender \(c.testDescription)") {
            var (txOrNil, rx) = makeAsyncHandles(c, of: Int.self)
            let tx = txOrNil!
            release(&txOrNil)
            let fill = c.fillWithoutWaiting
            for i in 0..<fill { try? await tx.send(i) }
            let sender = Task { () -> Bool in
                do { try await tx.send(99); return true } catch { return false }
            }
            await letOthersRun()
            release(&rx)
            let returnedNormally = await sender.value
            let rest = await drain(tx.channel)
            #expect(Array(rest.prefix(fill)) == Array(0..<fill), "buffered elements lost")
            if returnedNormally {
                if c.descriptor.sendPendingAtClose != .mayReturnUndelivered {
                    #expect(rest.contains(99), "the send returned normally but its element is gone")
                }
            } else {
                #expect(!rest.contains(99), "the send threw but its element was delivered")
            }
            if c.descriptor.sendPendingAtClose != .mayReturnUndelivered && c.descriptor.watermark == nil {
                // A hard-capacity channel never accepts the element of a waiting send.
                #expect(!returnedNormally, "a send waiting on a full channel returned after the receivers left")
            }
        }
    }

    // MARK: timed waits, blocking

    @Test("receive(timeout:) waiting on an empty channel ends closed when the last Sender is released",
          arguments: BlockingFlavors.cases())
    func blockingTimedReceiveEndsWhenSendersGone(_ c: BlockingCase) async {
        var (tx, rxOrNil) = makeHandles(c, of: Int.self)
        let rx = rxOrNil!
        release(&rxOrNil)
        let threads = TestThreads()
        let result = ResultBox<ReceiveTimeoutResult<Int>>()
        threads.spawn { result.set(rx.receive(timeout: .seconds(3600))) }
        pause(milliseconds: 50)
        release(&tx)
        await threads.join(rescue: rx.channel.close)
        #expect(result.value == .closed)
        #expect(rx.tryReceive() == .closed)
        #expect(rx.receive(timeout: .seconds(5)) == .closed)
    }

    @Test("send(timeout:) waiting on a full channel ends closed when the last Receiver is released",
          arguments: BlockingFlavors.cases(capacities: [.bounded(0), .bounded(1), .bounded(4)]))
    func blockingTimedSendEndsWhenReceiversGone(_ c: BlockingCase) async {
        var (txOrNil, rx) = makeHandles(c, of: Int.self)
        let tx = txOrNil!
        release(&txOrNil)
        let limit = c.capacity.limit!
        for i in 0..<limit { #expect(tx.trySend(i) == .sent) }
        let threads = TestThreads()
        let result = ResultBox<SendTimeoutResult>()
        threads.spawn { result.set(tx.send(99, timeout: .seconds(3600))) }
        pause(milliseconds: 50)
        release(&rx)
        await threads.join(rescue: tx.channel.close)
        #expect(result.value == .closed)
        #expect(tx.trySend(100) == .closed)
        #expect(tx.send(101, timeout: .seconds(5)) == .closed)
        // The buffered messages stay; the refused ones never arrive.
        var drained: [Int] = []
        while case .value(let v) = tx.channel.tryReceive() { drained.append(v) }
        #expect(drained == Array(0..<limit))
    }

    /// The blocking suite checks this at buffered capacities; at capacity 0 the sender waits
    /// for a receiver that will never come.
    @Test("releasing the last Receiver fails a blocked rendezvous send", arguments: BlockingFlavors.rendezvousCases)
    func lastReceiverFailsBlockedRendezvousSend(_ c: BlockingCase) async {
        var (txOrNil, rx) = makeHandles(c, of: Int.self)
        let tx = txOrNil!
        release(&txOrNil)
        let threw = Flag()
        let threads = TestThreads()
        threads.spawn {
            if (try? tx.send(1)) == nil { threw.set() }
        }
        pause(milliseconds: 50)
        release(&rx)
        await threads.join(rescue: tx.channel.close)
        #expect(threw.isSet)
        #expect(tx.channel.tryReceive() == .closed, "the failed send's message was left behind")
    }

    // MARK: timed waits, async

    @Test("receive(timeout:) suspended on an empty channel ends closed when the last AsyncSender is released",
          arguments: AsyncCases.timed)
    func asyncTimedReceiveEndsWhenSendersGone(_ c: AsyncCase) async {
        await withWatchdog("timed receive, sender drop \(c.testDescription)") {
            var (tx, rxOrNil) = makeAsyncHandles(c, of: Int.self)
            let rx = rxOrNil!
            release(&rxOrNil)
            let timed = rx.channel as! any TimedSuspendingChannel<Int>
            let receiver = Task { await timed.receive(timeout: .seconds(3600)) }
            await letOthersRun()
            release(&tx)
            #expect(await receiver.value == .closed)
            #expect(timed.tryReceive() == .closed)
            #expect(await timed.receive(timeout: .seconds(5)) == .closed)
        }
    }

    @Test("send(timeout:) suspended on a full channel ends closed when the last AsyncReceiver is released",
          arguments: AsyncCases.timed.filter { $0.capacity != .unbounded })
    func asyncTimedSendEndsWhenReceiversGone(_ c: AsyncCase) async {
        await withWatchdog("timed send, receiver drop \(c.testDescription)") {
            var (txOrNil, rx) = makeAsyncHandles(c, of: Int.self)
            let tx = txOrNil!
            release(&txOrNil)
            let timed = tx.channel as! any TimedSuspendingChannel<Int>
            let limit = c.limit!
            for i in 0..<limit { #expect(timed.trySend(i) == .sent) }
            let sender = Task { await timed.send(99, timeout: .seconds(3600)) }
            await letOthersRun()
            release(&rx)
            #expect(await sender.value == .closed)
            #expect(timed.trySend(100) == .closed)
            #expect(await drain(timed) == Array(0..<limit))
        }
    }
}
