package main

import "fmt"

// consumerOracle is one consumer's view of the traffic. It checks, per message,
// that the producer id and sequence are in range, that the payload arrived
// intact and that each producer's sequence numbers arrive in increasing order
// on each channel (lane) the consumer receives from: per-producer FIFO as seen
// by this consumer, per channel. With one lane that is plain per-producer FIFO;
// a producer that selects among several senders keeps order only per channel,
// since a consumer selecting over them may take a later message from another
// channel first. It remembers every (producer, sequence) pair in a bitset so
// mergeOracles can prove exactly-once delivery across all consumers. Only the
// first failure is kept: it names the invariant.
type consumerOracle struct {
	consumer    int
	lanes       int
	perProducer uint64
	seen        [][]uint64
	last        []int64 // per producer*lanes + lane: the last sequence seen there
	count       uint64
	failure     string
}

func newConsumerOracle(consumer, producers int, perProducer uint64) *consumerOracle {
	return newLaneOracle(consumer, producers, 1, perProducer)
}

// newLaneOracle checks FIFO per (producer, lane) for a consumer that receives from lanes channels.
func newLaneOracle(consumer, producers, lanes int, perProducer uint64) *consumerOracle {
	o := &consumerOracle{consumer: consumer, lanes: lanes, perProducer: perProducer,
		seen: make([][]uint64, producers), last: make([]int64, producers*lanes)}
	for p := range o.seen {
		o.seen[p] = make([]uint64, (perProducer+63)/64)
	}
	for i := range o.last {
		o.last[i] = -1
	}
	return o
}

func (o *consumerOracle) fail(format string, args ...any) {
	if o.failure == "" {
		o.failure = fmt.Sprintf(format, args...)
	}
}

func (o *consumerOracle) observe(producer uint32, seq uint64, payloadIntact bool) {
	o.observeOn(0, producer, seq, payloadIntact)
}

// observeOn is observe for a message received from channel lane.
func (o *consumerOracle) observeOn(lane int, producer uint32, seq uint64, payloadIntact bool) {
	o.count++
	if int(producer) >= len(o.seen) {
		o.fail("exactly-once: consumer %d got unknown producer id %d", o.consumer, producer)
		return
	}
	if seq >= o.perProducer {
		o.fail("exactly-once: consumer %d got producer %d seq %d, beyond the %d sent", o.consumer, producer, seq, o.perProducer)
		return
	}
	if !payloadIntact {
		o.fail("payload: consumer %d got a corrupted payload from producer %d seq %d", o.consumer, producer, seq)
	}
	at := int(producer)*o.lanes + lane
	// On one lane a duplicate always breaks the order; with several it can arrive in order on
	// another lane, so only then is its bit tested for a message in order.
	if inOrder := int64(seq) > o.last[at]; !inOrder || o.lanes > 1 {
		if !inOrder {
			o.fail("per-producer FIFO: consumer %d got producer %d seq %d after seq %d on channel %d", o.consumer, producer, seq, o.last[at], lane)
		}
		if o.seen[producer][seq/64]&(1<<(seq%64)) != 0 {
			o.fail("exactly-once: consumer %d got producer %d seq %d twice", o.consumer, producer, seq)
		}
	}
	o.last[at] = int64(seq)
	o.seen[producer][seq/64] |= 1 << (seq % 64)
}

// mergeOracles checks the run as a whole: the first per-consumer failure, the
// total count, then exactly-once (no pair seen by two consumers, none missing).
// It returns "" when every invariant holds.
func mergeOracles(oracles []*consumerOracle, producers int, perProducer uint64) string {
	var total uint64
	for _, o := range oracles {
		if o.failure != "" {
			return o.failure
		}
		total += o.count
	}
	want := uint64(producers) * perProducer
	if total != want {
		return fmt.Sprintf("total count: received %d messages, sent %d", total, want)
	}
	words := (perProducer + 63) / 64
	for p := 0; p < producers; p++ {
		for w := uint64(0); w < words; w++ {
			var acc uint64
			for _, o := range oracles {
				if dup := acc & o.seen[p][w]; dup != 0 {
					return fmt.Sprintf("exactly-once: producer %d seq %d delivered to two consumers", p, w*64+uint64(firstBit(dup)))
				}
				acc |= o.seen[p][w]
			}
			full := ^uint64(0)
			if w == words-1 && perProducer%64 != 0 {
				full = 1<<(perProducer%64) - 1
			}
			if missing := full &^ acc; missing != 0 {
				return fmt.Sprintf("exactly-once: producer %d seq %d never delivered", p, w*64+uint64(firstBit(missing)))
			}
		}
	}
	return ""
}

func firstBit(x uint64) int {
	for i := 0; i < 64; i++ {
		if x&(1<<i) != 0 {
			return i
		}
	}
	return -1
}
