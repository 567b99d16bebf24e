import Channels
import Testing

/// Element types beyond `Int` (crossbeam sends `()`, `bool`, `i32`, `String`, `Box`es and
/// channels; Go sends channels of channels): narrow, zero-size and reference-counted payloads
/// go through a slot layout and copy path of their own, and a handle inside a message must
/// keep working, and keep counting, at the far end.
@Suite struct PeerElementTypeTests {
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case int32, bool, string, zeroSize
        var testDescription: String { rawValue }
    }

    static let n = 200

    static var int32s: [Int32] {
        [0, 1, -1, .min, .max] + (0..<Int32(n - 5)).map { $0 &* -0x61C8_8647 }
    }

    static var bools: [Bool] {
        var rng = SplitMix(seed: 11)
        return (0..<n).map { _ in rng.next() & 1 == 1 }
    }

    /// Empty, short (inline) and long (heap-allocated) strings, non-ASCII included.
    static var strings: [String] {
        ["", "a", "ü", "🦀🐹", String(repeating: "x", count: 15), String(repeating: "y", count: 16)]
            + (6..<n).map { "message \($0) " + String(repeating: "é", count: $0 % 40) }
    }

    // MARK: blocking

    /// Sends everything from one thread and receives it on another, so capacity 0 works too.
    private static func transfer<T: Sendable>(_ c: BlockingCase, _ values: [T]) async -> [T]? {
        let channel = c.make(T.self)
        // Handed over so the producer's copy is released when it is done, not with its closure.
        let outgoing = HandOver(values)
        let threads = TestThreads()
        threads.spawn {
            for v in outgoing.take() ?? [] {
                do { try channel.send(v) } catch { return }
            }
            channel.close()
        }
        // Taken out after the join, so no thread's leftovers keep the received values alive.
        let collected = NSLockedValue<[T]?>(nil)
        threads.spawn {
            var out: [T] = []
            while let v = channel.receive() { out.append(v) }
            collected.set(out)
        }
        await threads.join(rescue: channel.close)
        return collected.update { v in
            defer { v = nil }
            return v
        }
    }

    @Test("blocking: Int32, Bool, String and zero-size values arrive unchanged and in order",
          arguments: BlockingFlavors.cases(), Kind.allCases)
    func blockingValueTypes(_ c: BlockingCase, _ kind: Kind) async {
        switch kind {
        case .int32: #expect(await Self.transfer(c, Self.int32s) == Self.int32s)
        case .bool: #expect(await Self.transfer(c, Self.bools) == Self.bools)
        case .string: #expect(await Self.transfer(c, Self.strings) == Self.strings)
        case .zeroSize:
            #expect(MemoryLayout<ZeroSize>.size == 0)
            #expect(await Self.transfer(c, Array(repeating: ZeroSize(), count: Self.n))?.count == Self.n)
        }
    }

    @Test("blocking: class instances arrive as the same objects and are released once", arguments: BlockingFlavors.cases())
    func blockingClassInstances(_ c: BlockingCase) async {
        let deinits = Counter()
        do {
            let outgoing = (0..<Self.n).map { Tracked($0, deinits: deinits) }
            let identities = outgoing.map(ObjectIdentifier.init)
            let received = await Self.transfer(c, outgoing)
            #expect(received?.map(ObjectIdentifier.init) == identities)
        }
        #expect(deinits.current == Self.n, "every instance released once the channel and the test let go")
    }

    /// A server answers each request on the `Sender` the request carries; the client keeps no
    /// reply handle of its own once the requests are out, so the reply channel closes only
    /// when the last handle that travelled through the request channel is released.
    @Test("blocking: a Sender sent inside messages delivers and counts as a handle at the far end",
          arguments: BlockingFlavors.cases())
    func blockingHandlesInsideMessages(_ c: BlockingCase) async {
        var (requestTx, requestRx) = makeHandles(c, of: ReplyRequest.self)
        var (replyTx, replyRx) = makeHandles(c, of: Int.self)
        let server = HandOver(requestRx!)
        let client = HandOver((requestTx!, replyTx!))
        let replies = replyRx!
        release(&requestRx)
        release(&requestTx)
        release(&replyTx)
        release(&replyRx)
        let threads = TestThreads()
        threads.spawn {
            guard let requests = server.take() else { return }
            for request in requests { try? request.reply.send(request.value * 2) }
        }
        threads.spawn {
            guard let handles = client.take() else { return }
            let (requests, reply) = handles
            for i in 0..<Self.n {
                do { try requests.send(ReplyRequest(reply: reply.clone(), value: i)) } catch { return }
            }
        }
        let answers = await onThread(rescue: replies.channel.close) { () -> [Int] in
            var out: [Int] = []
            for v in replies { out.append(v) }
            return out
        }
        await threads.join(rescue: replies.channel.close)
        #expect(answers == (0..<Self.n).map { $0 * 2 })
    }

    // MARK: async

    /// A producer task and a consumer; a lossy channel gets batches it can hold instead, so
    /// nothing is dropped by design.
    private static func transfer<T: Sendable>(_ c: AsyncCase, _ values: [T]) async -> [T] {
        let channel = c.make(T.self)
        if c.descriptor.lossy {
            var out: [T] = []
            for start in stride(from: 0, to: values.count, by: c.fillWithoutWaiting) {
                let batch = values[start..<min(start + c.fillWithoutWaiting, values.count)]
                for v in batch { try? await channel.send(v) }
                for _ in batch { if let v = await channel.receive() { out.append(v) } }
            }
            return out
        }
        let outgoing = HandOver(values)
        let producer = Task {
            for v in outgoing.take() ?? [] {
                do { try await channel.send(v) } catch { return }
            }
            channel.close()
        }
        let out = await drain(channel)
        await producer.value
        return out
    }

    @Test("async: Int32, Bool, String and zero-size values arrive unchanged and in order",
          arguments: AsyncCases.all, Kind.allCases)
    func asyncValueTypes(_ c: AsyncCase, _ kind: Kind) async {
        await withWatchdog("\(kind) through \(c.testDescription)") {
            switch kind {
            case .int32: #expect(await Self.transfer(c, Self.int32s) == Self.int32s)
            case .bool: #expect(await Self.transfer(c, Self.bools) == Self.bools)
            case .string: #expect(await Self.transfer(c, Self.strings) == Self.strings)
            case .zeroSize: #expect(await Self.transfer(c, Array(repeating: ZeroSize(), count: Self.n)).count == Self.n)
            }
        }
    }

    @Test("async: class instances arrive as the same objects and are released once", arguments: AsyncCases.all)
    func asyncClassInstances(_ c: AsyncCase) async {
        await withWatchdog("class instances through \(c.testDescription)") {
            let live = LiveCount()
            await Self.transferObjects(c, live)
            #expect(live.value == 0, "\(live.value) instances still alive after everything let go")
        }
    }

    private static func transferObjects(_ c: AsyncCase, _ live: LiveCount) async {
        let outgoing = (0..<n).map { LiveTracked($0, live) }
        let identities = outgoing.map(ObjectIdentifier.init)
        let received = await transfer(c, outgoing)
        #expect(received.map(ObjectIdentifier.init) == identities)
    }

    /// Lossy channels are left out: a dropped request would lose its reply by design.
    @Test("async: an AsyncSender sent inside messages delivers and counts as a handle at the far end",
          arguments: AsyncCases.nonLossy)
    func asyncHandlesInsideMessages(_ c: AsyncCase) async {
        await withWatchdog("handles inside messages \(c.testDescription)") {
            var (requestTx, requestRx) = makeAsyncHandles(c, of: AsyncReplyRequest.self)
            var (replyTx, replyRx) = makeAsyncHandles(c, of: Int.self)
            let server = HandOver(requestRx!)
            let client = HandOver((requestTx!, replyTx!))
            let replies = replyRx!
            release(&requestRx)
            release(&requestTx)
            release(&replyTx)
            release(&replyRx)
            let serverTask = Task {
                guard let requests = server.take() else { return }
                for await request in requests { try? await request.reply.send(request.value * 2) }
            }
            let clientTask = Task {
                guard let handles = client.take() else { return }
                let (requests, reply) = handles
                for i in 0..<Self.n {
                    do { try await requests.send(AsyncReplyRequest(reply: reply.clone(), value: i)) } catch { return }
                }
            }
            var answers: [Int] = []
            for await v in replies { answers.append(v) }
            await clientTask.value
            await serverTask.value
            #expect(answers == (0..<Self.n).map { $0 * 2 })
        }
    }
}
