package main

import (
	"fmt"
	"runtime"
	"sync"
)

// runResult is one repetition's measurements and verdict.
type runResult struct {
	seconds          float64
	cpuUser, cpuSys  float64
	ctxVol, ctxInvol int64
	allocsPerMsg     float64
	peakAllocated    uint64
	peakRSS          uint64
	latency          *latencyHistogram
	failure          string // "" when every invariant held
}

// capacityCheckEvery is how often (in messages) a consumer samples len(ch)
// against the capacity bound.
const capacityCheckEvery = 4096

func makeChan[P any](capacity int) chan message[P] {
	return make(chan message[P], capacity) // capacity 0 = unbuffered (rendezvous)
}

// harness holds what every workload shares: the start barrier and the
// measurement window around the traffic.
type harness struct {
	ready   sync.WaitGroup
	start   chan struct{}
	before  usage
	mallocs uint64
	sampler *heapSampler
	t0      int64
}

func newHarness(workers int) *harness {
	h := &harness{start: make(chan struct{})}
	h.ready.Add(workers)
	return h
}

// arrive is called by each worker: it reports ready and blocks at the barrier.
func (h *harness) arrive() {
	h.ready.Done()
	<-h.start
}

// release waits until every worker is parked at the barrier, snapshots the
// counters and releases them all at once; the clock starts here, after every
// goroutine exists.
func (h *harness) release() {
	h.ready.Wait()
	runtime.GC() // start from a collected heap so the previous run's garbage is not counted
	resetPeakRSS()
	h.mallocs = mallocCount()
	h.sampler = startHeapSampler()
	h.before = readUsage()
	h.t0 = nanotime()
	close(h.start)
}

// finish closes the window at tEnd (the last worker's finish time) and fills r.
func (h *harness) finish(tEnd int64, messages int, r *runResult) {
	after := readUsage()
	r.peakAllocated = h.sampler.finish()
	r.allocsPerMsg = float64(mallocCount()-h.mallocs) / float64(messages)
	r.seconds = float64(tEnd-h.t0) / 1e9
	r.cpuUser = after.user - h.before.user
	r.cpuSys = after.sys - h.before.sys
	r.ctxVol = after.nvcsw - h.before.nvcsw
	r.ctxInvol = after.nivcsw - h.before.nivcsw
	r.peakRSS = peakRSS()
}

func runWorkload[P any](cfg Config, ops payloadOps[P]) runResult {
	switch cfg.Workload {
	case "seq":
		return runSeq(cfg, ops)
	case "pingpong":
		return runPingPong(cfg, ops)
	}
	return runProducersConsumers(cfg, ops)
}

// runProducersConsumers is spsc, mpsc, mpmc, select_rx and select_both: each
// producer sends Messages/Producers messages; consumers compete for them until
// the channels are closed after the last producer finishes. spsc, mpsc and mpmc
// share one channel; the select workloads have one channel per producer (the
// shape of crossbeam's benchmarks): in select_rx each producer sends on its own,
// in select_both each selects over every sender, and in both every consumer
// selects over every receiver.
func runProducersConsumers[P any](cfg Config, ops payloadOps[P]) runResult {
	per := uint64(cfg.Messages / cfg.Producers)
	selecting := isSelectWorkload(cfg.Workload)
	chans := make([]chan message[P], 1)
	if selecting {
		chans = make([]chan message[P], cfg.Producers)
	}
	for i := range chans {
		chans[i] = makeChan[P](cfg.Capacity)
	}
	h := newHarness(cfg.Producers + cfg.Consumers)
	ends := make([]int64, cfg.Producers+cfg.Consumers)
	oracles := make([]*consumerOracle, cfg.Consumers)
	hists := make([]*latencyHistogram, cfg.Consumers)
	var producers, consumers sync.WaitGroup
	producers.Add(cfg.Producers)
	consumers.Add(cfg.Consumers)
	for p := 0; p < cfg.Producers; p++ {
		go func(id int) {
			defer producers.Done()
			h.arrive()
			switch cfg.Workload {
			case "select_both":
				sendSelecting(chans, cfg.Mode, uint32(id), per, ops)
			case "select_rx":
				send(chans[id], cfg.Mode, uint32(id), per, ops)
			default:
				send(chans[0], cfg.Mode, uint32(id), per, ops)
			}
			ends[id] = nanotime()
		}(p)
	}
	for c := 0; c < cfg.Consumers; c++ {
		oracles[c] = newLaneOracle(c, cfg.Producers, len(chans), per)
		hists[c] = newLatencyHistogram()
		go func(idx int) {
			defer consumers.Done()
			h.arrive()
			if selecting {
				receiveSelecting(chans, cfg, ops, oracles[idx], hists[idx])
			} else {
				receive(chans[0], cfg, ops, oracles[idx], hists[idx])
			}
			ends[cfg.Producers+idx] = nanotime()
		}(c)
	}
	go func() {
		producers.Wait()
		for _, ch := range chans {
			close(ch)
		}
	}()
	h.release()
	consumers.Wait()
	var r runResult
	h.finish(maxOf(ends), cfg.Messages, &r)
	r.latency = newLatencyHistogram()
	for _, hist := range hists {
		r.latency.merge(hist)
	}
	r.failure = verdict(cfg.Mode, oracles, cfg.Producers, per)
	return r
}

// receive is one consumer of a single channel until it is closed and drained.
func receive[P any](ch chan message[P], cfg Config, ops payloadOps[P], o *consumerOracle, hist *latencyHistogram) {
	switch cfg.Mode {
	case "bare":
		for range ch {
			o.count++
		}
	case "throughput":
		n := 0
		for m := range ch {
			o.observe(m.producer, m.seq, ops.check(&m.payload, m.seq))
			if n++; n%capacityCheckEvery == 0 && len(ch) > cfg.Capacity {
				o.fail("capacity bound: %d queued in a channel of capacity %d", len(ch), cfg.Capacity)
			}
		}
	default:
		n := 0
		for m := range ch {
			now := nanotime()
			o.observe(m.producer, m.seq, ops.check(&m.payload, m.seq))
			hist.record(uint64(now - m.sentNs))
			if n++; n%capacityCheckEvery == 0 && len(ch) > cfg.Capacity {
				o.fail("capacity bound: %d queued in a channel of capacity %d", len(ch), cfg.Capacity)
			}
		}
	}
}

// receiveSelecting is one consumer selecting over every channel until all are closed and
// drained; a closed channel leaves the select (nil is never ready). The mode is a branch per
// message here, a few ns beside a select's cost.
func receiveSelecting[P any](chans []chan message[P], cfg Config, ops payloadOps[P], o *consumerOracle, hist *latencyHistogram) {
	open := append([]chan message[P](nil), chans...)
	bare, stamps := cfg.Mode == "bare", cfg.Mode == "latency"
	n := 0
	var m message[P] // declared once: &m.payload escapes to ops.check, so a per-iteration m would allocate
	var i int
	var ok bool
	for live := len(open); live > 0; {
		i, m, ok = recvAny(open)
		switch {
		case !ok:
			open[i] = nil
			live--
		case bare:
			o.count++
		default:
			now := int64(0)
			if stamps {
				now = nanotime()
			}
			o.observeOn(i, m.producer, m.seq, ops.check(&m.payload, m.seq))
			if stamps {
				hist.record(uint64(now - m.sentNs))
			}
			if n++; n%capacityCheckEvery == 0 && len(chans[i]) > cfg.Capacity {
				o.fail("capacity bound: %d queued in channel %d of capacity %d", len(chans[i]), i, cfg.Capacity)
			}
		}
	}
}

// sendSelecting is one select_both producer: each message goes to whichever channel has room
// first. As in send, only latency mode reads the clock, before the select waits.
func sendSelecting[P any](chans []chan message[P], mode string, id uint32, per uint64, ops payloadOps[P]) {
	stamps := mode == "latency"
	for s := uint64(0); s < per; s++ {
		m := message[P]{producer: id, seq: s, payload: ops.make(s)}
		if stamps {
			m.sentNs = nanotime()
		}
		sendAny(chans, m)
	}
}

// send is one producer's traffic. Every mode builds the same message (the payload is what a
// user moves); only latency mode reads the clock per message.
func send[P any](ch chan message[P], mode string, id uint32, per uint64, ops payloadOps[P]) {
	switch mode {
	case "throughput", "bare":
		for s := uint64(0); s < per; s++ {
			ch <- message[P]{producer: id, seq: s, payload: ops.make(s)}
		}
	default:
		for s := uint64(0); s < per; s++ {
			ch <- message[P]{producer: id, seq: s, sentNs: nanotime(), payload: ops.make(s)}
		}
	}
}

// verdict is the run's oracle: the full one (exactly-once, FIFO, payload, capacity) except in
// bare mode, which checks only that every message arrived once in total.
func verdict(mode string, oracles []*consumerOracle, producers int, per uint64) string {
	if mode != "bare" {
		return mergeOracles(oracles, producers, per)
	}
	var total uint64
	for _, o := range oracles {
		total += o.count
	}
	if want := uint64(producers) * per; total != want {
		return fmt.Sprintf("total count: received %d messages, sent %d", total, want)
	}
	return ""
}

// runSeq is one goroutine sending every message into the buffer, then
// receiving them all: the channel's cost with no contention and no blocking.
func runSeq[P any](cfg Config, ops payloadOps[P]) runResult {
	n := uint64(cfg.Messages)
	ch := makeChan[P](cfg.Capacity)
	h := newHarness(1)
	o := newConsumerOracle(0, 1, n)
	hist := newLatencyHistogram()
	var end int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.arrive()
		send(ch, cfg.Mode, 0, n, ops)
		var m message[P] // declared once: &m.payload escapes to ops.check, so a per-iteration m would allocate
		switch cfg.Mode {
		case "bare":
			for s := uint64(0); s < n; s++ {
				<-ch
				o.count++
			}
		case "throughput":
			for s := uint64(0); s < n; s++ {
				m = <-ch
				o.observe(m.producer, m.seq, ops.check(&m.payload, m.seq))
			}
		default:
			for s := uint64(0); s < n; s++ {
				m = <-ch
				now := nanotime()
				o.observe(m.producer, m.seq, ops.check(&m.payload, m.seq))
				hist.record(uint64(now - m.sentNs))
			}
		}
		if len(ch) != 0 {
			o.fail("total count: %d messages left in the channel", len(ch))
		}
		end = nanotime()
	}()
	h.release()
	<-done
	r := runResult{latency: hist}
	h.finish(end, cfg.Messages, &r)
	r.failure = verdict(cfg.Mode, []*consumerOracle{o}, 1, n)
	return r
}

// runPingPong bounces each message from an initiator to a responder and back
// over two channels of the configured capacity (1 in the suites); latency is
// the round trip, measured by the initiator from the send timestamp the
// message carries.
func runPingPong[P any](cfg Config, ops payloadOps[P]) runResult {
	n := uint64(cfg.Messages)
	ping, pong := makeChan[P](cfg.Capacity), makeChan[P](cfg.Capacity)
	h := newHarness(2)
	back := newConsumerOracle(0, 1, n)
	echoed := newConsumerOracle(1, 1, n)
	hist := newLatencyHistogram()
	ends := make([]int64, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // responder
		defer wg.Done()
		h.arrive()
		if cfg.Mode == "bare" {
			for m := range ping {
				pong <- m
			}
		} else {
			for m := range ping {
				echoed.observe(m.producer, m.seq, ops.check(&m.payload, m.seq))
				pong <- m
			}
		}
		ends[1] = nanotime()
	}()
	go func() { // initiator
		defer wg.Done()
		h.arrive()
		var m message[P] // declared once: &m.payload escapes to ops.check, so a per-iteration m would allocate
		switch cfg.Mode {
		case "bare":
			for s := uint64(0); s < n; s++ {
				ping <- message[P]{producer: 0, seq: s, payload: ops.make(s)}
				<-pong
				back.count++
			}
			echoed.count = back.count
		case "throughput":
			for s := uint64(0); s < n; s++ {
				ping <- message[P]{producer: 0, seq: s, payload: ops.make(s)}
				m = <-pong
				back.observe(m.producer, m.seq, ops.check(&m.payload, m.seq))
				if m.seq != s {
					back.fail("per-producer FIFO: round trip %d came back as seq %d", s, m.seq)
				}
			}
		default:
			for s := uint64(0); s < n; s++ {
				ping <- message[P]{producer: 0, seq: s, sentNs: nanotime(), payload: ops.make(s)}
				m = <-pong
				now := nanotime()
				back.observe(m.producer, m.seq, ops.check(&m.payload, m.seq))
				if m.seq != s {
					back.fail("per-producer FIFO: round trip %d came back as seq %d", s, m.seq)
				}
				hist.record(uint64(now - m.sentNs))
			}
		}
		close(ping)
		ends[0] = nanotime()
	}()
	h.release()
	wg.Wait()
	r := runResult{latency: hist}
	h.finish(maxOf(ends), cfg.Messages, &r)
	if r.failure = verdict(cfg.Mode, []*consumerOracle{echoed}, 1, n); r.failure == "" {
		r.failure = verdict(cfg.Mode, []*consumerOracle{back}, 1, n)
	}
	return r
}

func maxOf(xs []int64) int64 {
	m := xs[0]
	for _, x := range xs[1:] {
		if x > m {
			m = x
		}
	}
	return m
}
