package main

import (
	"strings"
	"testing"
)

func feed(o *consumerOracle, producer uint32, seqs ...uint64) {
	for _, s := range seqs {
		o.observe(producer, s, true)
	}
}

func TestOracleAcceptsCompleteFIFODelivery(t *testing.T) {
	a, b := newConsumerOracle(0, 2, 70), newConsumerOracle(1, 2, 70)
	for s := uint64(0); s < 70; s++ {
		if s%3 == 0 {
			feed(a, 0, s)
			feed(b, 1, s)
		} else {
			feed(b, 0, s)
			feed(a, 1, s)
		}
	}
	if f := mergeOracles([]*consumerOracle{a, b}, 2, 70); f != "" {
		t.Fatalf("unexpected failure: %s", f)
	}
}

func TestOracleNamesTheBrokenInvariant(t *testing.T) {
	cases := []struct {
		name, want string
		build      func() []*consumerOracle
	}{
		{"loss", "total count", func() []*consumerOracle {
			o := newConsumerOracle(0, 1, 5)
			feed(o, 0, 0, 1, 2, 4)
			return []*consumerOracle{o}
		}},
		{"loss balanced by duplicate", "exactly-once", func() []*consumerOracle {
			a, b := newConsumerOracle(0, 1, 4), newConsumerOracle(1, 1, 4)
			feed(a, 0, 0, 1)
			feed(b, 0, 1, 2)
			return []*consumerOracle{a, b}
		}},
		{"duplicate in one consumer", "per-producer FIFO", func() []*consumerOracle {
			o := newConsumerOracle(0, 1, 3)
			feed(o, 0, 0, 1, 1)
			return []*consumerOracle{o}
		}},
		{"reorder", "per-producer FIFO", func() []*consumerOracle {
			o := newConsumerOracle(0, 1, 3)
			feed(o, 0, 0, 2, 1)
			return []*consumerOracle{o}
		}},
		{"unknown producer", "unknown producer", func() []*consumerOracle {
			o := newConsumerOracle(0, 1, 1)
			feed(o, 3, 0)
			return []*consumerOracle{o}
		}},
		{"sequence out of range", "beyond", func() []*consumerOracle {
			o := newConsumerOracle(0, 1, 1)
			feed(o, 0, 1)
			return []*consumerOracle{o}
		}},
		{"corrupted payload", "payload", func() []*consumerOracle {
			o := newConsumerOracle(0, 1, 1)
			o.observe(0, 0, false)
			return []*consumerOracle{o}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			os := c.build()
			f := mergeOracles(os, len(os[0].seen), os[0].perProducer)
			if !strings.Contains(f, c.want) {
				t.Fatalf("failure %q does not name %q", f, c.want)
			}
		})
	}
}

func TestPayloadStampsDetectMixUps(t *testing.T) {
	inline := inlineOps[[64]byte]()
	p := inline.make(300)
	if !inline.check(&p, 300) || inline.check(&p, 301) {
		t.Fatal("inline payload stamp does not identify its sequence")
	}
	heap := heapOps(1024)
	b := heap.make(7)
	if len(b) != 1024 || !heap.check(&b, 7) || heap.check(&b, 8) {
		t.Fatal("heap payload stamp does not identify its sequence")
	}
}

func TestLaneOracleKeepsOrderPerChannelOnly(t *testing.T) {
	// One producer spreading over two channels: a later message on channel 1 may arrive before an
	// earlier one on channel 0 (a selecting consumer may take either first).
	o := newLaneOracle(0, 1, 2, 4)
	o.observeOn(1, 0, 1, true)
	o.observeOn(0, 0, 0, true)
	o.observeOn(1, 0, 3, true)
	o.observeOn(0, 0, 2, true)
	if f := mergeOracles([]*consumerOracle{o}, 1, 4); f != "" {
		t.Fatalf("cross-channel order flagged: %s", f)
	}
	// Within one channel the order still holds.
	o = newLaneOracle(0, 1, 2, 4)
	o.observeOn(0, 0, 2, true)
	o.observeOn(0, 0, 0, true)
	if !strings.Contains(o.failure, "per-producer FIFO") || !strings.Contains(o.failure, "channel 0") {
		t.Fatalf("in-channel reorder not named: %q", o.failure)
	}
	// A duplicate that arrives in order on another channel is still a duplicate.
	o = newLaneOracle(0, 1, 2, 4)
	o.observeOn(0, 0, 1, true)
	o.observeOn(1, 0, 1, true)
	if !strings.Contains(o.failure, "exactly-once") {
		t.Fatalf("duplicate across channels not named: %q", o.failure)
	}
}
