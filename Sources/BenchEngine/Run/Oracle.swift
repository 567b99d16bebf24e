import BenchModel

/// Checks a finished run: exactly-once delivery (no loss, no duplicate — within a consumer and
/// across consumers), per-producer FIFO as seen by each consumer, the total count, payload
/// integrity, and the sampled capacity bound. For a lossy implementation loss is allowed (and
/// counted) but duplicates, reordering and "more received than sent" are still failures.
package enum Oracle {
    static func check(logs: [ConsumerLog], producers: Int, perProducer: Int, lossy: Bool,
                      countBound: Int?, maxObservedCount: Int) -> OracleVerdict {
        var duplicates = 0, reorders = 0, malformed = 0, mismatches = 0, received = 0
        var first: String?
        for log in logs {
            duplicates += log.duplicates
            reorders += log.reorders
            malformed += log.malformed
            mismatches += log.payloadMismatches
            received += log.received
            if first == nil { first = log.firstViolation }
        }
        let detail = first.map { " (first: \($0))" } ?? ""
        if malformed > 0 { return .init(failure: "integrity: \(malformed) malformed messages\(detail)", lost: 0) }
        if mismatches > 0 { return .init(failure: "integrity: \(mismatches) payloads corrupted\(detail)", lost: 0) }
        if duplicates > 0 { return .init(failure: "exactly-once: \(duplicates) duplicates\(detail)", lost: 0) }
        if reorders > 0 { return .init(failure: "per-producer FIFO: \(reorders) out-of-order messages\(detail)", lost: 0) }

        // Across consumers: a bit set in two consumers' maps is a duplicate; a bit in none is a loss.
        let words = logs.first?.wordsPerProducer ?? 0
        var crossDuplicates = 0
        var delivered = 0
        for p in 0..<producers {
            for w in 0..<words {
                var acc: UInt64 = 0
                for log in logs {
                    let v = log.bits[p * words + w]
                    crossDuplicates += (acc & v).nonzeroBitCount
                    acc |= v
                }
                delivered += acc.nonzeroBitCount
            }
        }
        if crossDuplicates > 0 {
            return .init(failure: "exactly-once: \(crossDuplicates) messages delivered to two consumers", lost: 0)
        }
        let expected = producers * perProducer
        if received > expected {
            return .init(failure: "total count: received \(received) > sent \(expected)", lost: 0)
        }
        let lost = expected - delivered
        if lost > 0 && !lossy {
            return .init(failure: "exactly-once: \(lost) of \(expected) messages lost", lost: lost)
        }
        if received != delivered {
            return .init(failure: "total count: received \(received) but \(delivered) distinct messages", lost: lost)
        }
        if let limit = countBound, maxObservedCount > limit {
            return .init(failure: "capacity bound: count \(maxObservedCount) observed > bound \(limit)", lost: lost)
        }
        return .init(failure: nil, lost: lost)
    }
}
