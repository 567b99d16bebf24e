import Channels

/// A new channel is what its descriptor says it makes: the capacity asked for, empty, open;
/// try/timeout operations exactly when declared; a drop count exactly when counted drops are
/// declared. Every other check reads the declaration, so a wrong one would excuse real bugs.
package enum DeclaredShapeCheck {
    static let check = VerifyCheck.perCapacity(
        name: "declared-shape",
        summary: "a new channel has the declared capacity, is empty and open; try ops and drop count as declared",
        iterate: { ctx, cap, t in
            let d = ctx.descriptor
            let ch = ChannelUnderTest<Int>(d, capacity: cap)
            let reported = ch.reportedCapacity
            t.expect(reported == cap, "capacity -> \(reported)", "the channel reports a capacity other than the one it was made with")
            let c = ch.count
            t.expect(c == 0, "count -> \(c)", "a new channel must be empty")
            t.expect(!ch.isClosed, "isClosed -> \(ch.isClosed)", "a new channel must be open")
            // A blocking channel always has the methods; only a suspending one can lack them.
            if d.kind == .async {
                let timed = ch.conformsToTimed
                t.expect(timed == d.supportsTryAndTimeout, "try/timeout operations present -> \(timed)",
                     "supportsTryAndTimeout (\(d.supportsTryAndTimeout)) disagrees with the TimedSuspendingChannel conformance")
            }
            let drops = ch.droppedCount
            let counted = d.delivery == .lossy(.counted)
            t.expect((drops != nil) == counted, "droppedCount -> \(drops.map(String.init) ?? "nil")",
                     counted ? "counted drops are declared but the channel reports no count" : "the channel reports a drop count its descriptor does not declare")
            ch.close()
            return t.result
        }
    )
}
