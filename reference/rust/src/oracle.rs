//! The correctness oracle every run passes through, the same checks as the
//! Swift engine and the Go reference.

/// One consumer's view of the traffic. Per message it checks that the producer
/// id and sequence are in range, that the payload arrived intact and that each
/// producer's sequence numbers arrive in increasing order on each channel (lane)
/// the consumer receives from: per-producer FIFO as seen by this consumer, per
/// channel. With one lane that is plain per-producer FIFO; a producer that
/// selects among several senders keeps order only per channel, since a consumer
/// selecting over them may take a later message from another channel first.
/// Every (producer, sequence) pair goes into a bitset so `merge_oracles` can
/// prove exactly-once delivery across consumers. Only the first failure is kept;
/// it names the broken invariant.
pub struct ConsumerOracle {
    consumer: usize,
    lanes: usize,
    pub per_producer: u64,
    seen: Vec<Vec<u64>>,
    /// Per `producer * lanes + lane`: the last sequence seen there.
    last: Vec<i64>,
    pub count: u64,
    pub failure: Option<String>,
}

impl ConsumerOracle {
    pub fn new(consumer: usize, producers: usize, per_producer: u64) -> Self {
        Self::with_lanes(consumer, producers, 1, per_producer)
    }

    /// Checks FIFO per (producer, lane) for a consumer that receives from `lanes` channels.
    pub fn with_lanes(consumer: usize, producers: usize, lanes: usize, per_producer: u64) -> Self {
        let words = ((per_producer + 63) / 64) as usize;
        ConsumerOracle {
            consumer,
            lanes,
            per_producer,
            seen: vec![vec![0; words]; producers],
            last: vec![-1; producers * lanes],
            count: 0,
            failure: None,
        }
    }

    pub fn producers(&self) -> usize {
        self.seen.len()
    }

    pub fn fail(&mut self, why: String) {
        if self.failure.is_none() {
            self.failure = Some(why);
        }
    }

    #[inline]
    pub fn observe(&mut self, producer: u32, seq: u64, payload_intact: bool) {
        self.observe_on(0, producer, seq, payload_intact)
    }

    /// `observe` for a message received from channel `lane`.
    #[inline]
    pub fn observe_on(&mut self, lane: usize, producer: u32, seq: u64, payload_intact: bool) {
        self.count += 1;
        let p = producer as usize;
        if p >= self.seen.len() {
            let c = self.consumer;
            self.fail(format!("exactly-once: consumer {} got unknown producer id {}", c, producer));
            return;
        }
        if seq >= self.per_producer {
            let (c, n) = (self.consumer, self.per_producer);
            self.fail(format!("exactly-once: consumer {} got producer {} seq {}, beyond the {} sent", c, producer, seq, n));
            return;
        }
        if !payload_intact {
            let c = self.consumer;
            self.fail(format!("payload: consumer {} got a corrupted payload from producer {} seq {}", c, producer, seq));
        }
        let (word, bit) = ((seq / 64) as usize, 1u64 << (seq % 64));
        let at = p * self.lanes + lane;
        if seq as i64 <= self.last[at] {
            let (c, last) = (self.consumer, self.last[at]);
            self.fail(format!(
                "per-producer FIFO: consumer {} got producer {} seq {} after seq {} on channel {}",
                c, producer, seq, last, lane
            ));
            self.check_unseen(p, word, bit, seq);
        } else if self.lanes > 1 {
            // In order on its lane, but a duplicate can arrive in order on another lane.
            self.check_unseen(p, word, bit, seq);
        }
        self.last[at] = seq as i64;
        self.seen[p][word] |= bit;
    }

    #[inline]
    fn check_unseen(&mut self, p: usize, word: usize, bit: u64, seq: u64) {
        if self.seen[p][word] & bit != 0 {
            let c = self.consumer;
            self.fail(format!("exactly-once: consumer {} got producer {} seq {} twice", c, p, seq));
        }
    }
}

/// Checks the run as a whole: the first per-consumer failure, the total count,
/// then exactly-once (no pair seen by two consumers, none missing).
/// `None` means every invariant held.
pub fn merge_oracles(oracles: &[ConsumerOracle], producers: usize, per_producer: u64) -> Option<String> {
    let mut total = 0;
    for o in oracles {
        if let Some(f) = &o.failure {
            return Some(f.clone());
        }
        total += o.count;
    }
    let want = producers as u64 * per_producer;
    if total != want {
        return Some(format!("total count: received {} messages, sent {}", total, want));
    }
    let words = ((per_producer + 63) / 64) as usize;
    for p in 0..producers {
        for w in 0..words {
            let mut acc = 0u64;
            for o in oracles {
                let dup = acc & o.seen[p][w];
                if dup != 0 {
                    let seq = w as u64 * 64 + dup.trailing_zeros() as u64;
                    return Some(format!("exactly-once: producer {} seq {} delivered to two consumers", p, seq));
                }
                acc |= o.seen[p][w];
            }
            let full = if w == words - 1 && per_producer % 64 != 0 { (1u64 << (per_producer % 64)) - 1 } else { u64::MAX };
            let missing = full & !acc;
            if missing != 0 {
                let seq = w as u64 * 64 + missing.trailing_zeros() as u64;
                return Some(format!("exactly-once: producer {} seq {} never delivered", p, seq));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(o: &mut ConsumerOracle, producer: u32, seqs: &[u64]) {
        for &s in seqs {
            o.observe(producer, s, true);
        }
    }

    fn verdict(os: &[ConsumerOracle]) -> Option<String> {
        merge_oracles(os, os[0].producers(), os[0].per_producer)
    }

    #[test]
    fn accepts_complete_fifo_delivery_split_over_consumers() {
        let (mut a, mut b) = (ConsumerOracle::new(0, 2, 70), ConsumerOracle::new(1, 2, 70));
        for s in 0..70 {
            if s % 3 == 0 {
                feed(&mut a, 0, &[s]);
                feed(&mut b, 1, &[s]);
            } else {
                feed(&mut b, 0, &[s]);
                feed(&mut a, 1, &[s]);
            }
        }
        assert_eq!(verdict(&[a, b]), None);
    }

    fn expect(os: Vec<ConsumerOracle>, want: &str) {
        let f = verdict(&os).expect("a failure");
        assert!(f.contains(want), "{:?} does not name {:?}", f, want);
    }

    #[test]
    fn names_the_broken_invariant() {
        let mut o = ConsumerOracle::new(0, 1, 5);
        feed(&mut o, 0, &[0, 1, 2, 4]);
        expect(vec![o], "total count");

        let (mut a, mut b) = (ConsumerOracle::new(0, 1, 4), ConsumerOracle::new(1, 1, 4));
        feed(&mut a, 0, &[0, 1]);
        feed(&mut b, 0, &[1, 2]);
        expect(vec![a, b], "exactly-once");

        let mut o = ConsumerOracle::new(0, 1, 3);
        feed(&mut o, 0, &[0, 1, 1]);
        expect(vec![o], "per-producer FIFO");

        let mut o = ConsumerOracle::new(0, 1, 3);
        feed(&mut o, 0, &[0, 2, 1]);
        expect(vec![o], "per-producer FIFO");

        let mut o = ConsumerOracle::new(0, 1, 1);
        feed(&mut o, 3, &[0]);
        expect(vec![o], "unknown producer");

        let mut o = ConsumerOracle::new(0, 1, 1);
        feed(&mut o, 0, &[1]);
        expect(vec![o], "beyond");

        let mut o = ConsumerOracle::new(0, 1, 1);
        o.observe(0, 0, false);
        expect(vec![o], "payload");
    }

    #[test]
    fn lanes_keep_order_per_channel_only() {
        // One producer spreading over two channels: a later message on channel 1 may arrive before
        // an earlier one on channel 0 (a selecting consumer may take either first).
        let mut o = ConsumerOracle::with_lanes(0, 1, 2, 4);
        for (lane, seq) in [(1, 1), (0, 0), (1, 3), (0, 2)] {
            o.observe_on(lane, 0, seq, true);
        }
        assert_eq!(verdict(&[o]), None);
        // Within one channel the order still holds.
        let mut o = ConsumerOracle::with_lanes(0, 1, 2, 4);
        o.observe_on(0, 0, 2, true);
        o.observe_on(0, 0, 0, true);
        let f = o.failure.clone().expect("an in-channel reorder");
        assert!(f.contains("per-producer FIFO") && f.contains("channel 0"), "{:?}", f);
        // A duplicate that arrives in order on another channel is still a duplicate.
        let mut o = ConsumerOracle::with_lanes(0, 1, 2, 4);
        o.observe_on(0, 0, 1, true);
        o.observe_on(1, 0, 1, true);
        assert!(o.failure.expect("a duplicate").contains("exactly-once"));
    }
}
