/// Wing & Gong's linearizability search with Lowe's memoization: depth-first, at each step try
/// every pending operation that is *minimal* (invoked before every other pending operation
/// responded), apply it to the sequential model, and continue if the model's result matches
/// the recorded one. Visited (linearized-set, model-state) pairs are remembered, so each
/// configuration is explored once; a cap on explored states bounds the worst case.
///
/// Dual operations (Lincheck): a blocking operation that parks in the model is linearized in
/// two parts, its request (the model parks it; it stays pending) and its completion, which
/// happens inside the step of the partner (or close) that resumes it and must give the
/// recorded result. Because the resuming step is taken while the parked operation is still
/// pending, it is bounded by that operation's response like any other: nothing completes a
/// parked send or receive after it returned.
package enum LinearizabilityChecker {
    enum Verdict: Equatable {
        case linearizable
        case notLinearizable(explored: Int)
        /// The cap was hit before an answer: counted as a pass, reported separately.
        case inconclusive(explored: Int)
    }

    static func check(_ history: History, stateCap: Int = 200_000) -> Verdict {
        precondition(history.events.count <= 62, "histories are short by design")
        var search = Search(events: history.events, stateCap: stateCap)
        let initial = FifoModel(queue: history.prefill, closed: false, capacity: history.capacity.limit,
                                parkedSendMayReturnAtClose: history.parkedSendMayReturnAtClose)
        if search.run(0, initial) { return .linearizable }
        return search.capped ? .inconclusive(explored: search.explored) : .notLinearizable(explored: search.explored)
    }

    private struct Key: Hashable {
        let mask: UInt64
        let model: FifoModel
    }

    private struct Search {
        let events: [HistoryEvent]
        let stateCap: Int
        let all: UInt64
        var visited = Set<Key>()
        var explored = 0
        var capped = false

        init(events: [HistoryEvent], stateCap: Int) {
            self.events = events
            self.stateCap = stateCap
            all = (1 << UInt64(events.count)) - 1
        }

        mutating func run(_ mask: UInt64, _ model: FifoModel) -> Bool {
            if mask == all { return true }
            if !visited.insert(Key(mask: mask, model: model)).inserted { return false }
            explored += 1
            if explored > stateCap {
                capped = true
                return false
            }
            var minResponse = Int.max
            for (i, e) in events.enumerated() where mask & (1 << UInt64(i)) == 0 {
                minResponse = min(minResponse, e.responded)
            }
            let parked = model.parkedEvents.reduce(UInt64(0)) { $0 | (1 << UInt64($1)) }
            for (i, e) in events.enumerated() where (mask | parked) & (1 << UInt64(i)) == 0 && e.invoked < minResponse {
                for step in model.steps(e.operation, event: i) {
                    if let r = step.result, r != e.result { continue }
                    if take(step, mask | (step.result == nil ? 0 : 1 << UInt64(i))) { return true }
                    if capped { return false }
                }
            }
            for step in model.withdrawals() {
                if take(step, mask) { return true }
                if capped { return false }
            }
            return false
        }

        /// Continues with `step` if every operation it resumes gets its recorded result.
        private mutating func take(_ step: FifoModel.Step, _ mask: UInt64) -> Bool {
            guard step.resumed.allSatisfy({ $0.results.contains(events[$0.event].result) }) else { return false }
            return run(step.resumed.reduce(mask) { $0 | (1 << UInt64($1.event)) }, step.next)
        }
    }
}
