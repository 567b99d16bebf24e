package main

import (
	"fmt"
	"strconv"
	"strings"
)

// unbounded is the Capacity value for an unbounded channel.
const unbounded = -1

const implName = "go-chan"
const family = "reference"
const driver = "goroutines"

var workloads = []string{"seq", "spsc", "mpsc", "mpmc", "pingpong", "select_rx", "select_both"}

// isSelectWorkload says whether w has one channel per producer and consumers that select over
// all of them (select_rx; select_both, whose producers also select over every sender).
func isSelectWorkload(w string) bool {
	return w == "select_rx" || w == "select_both"
}

// Measurement modes. throughput and latency are `chanbench run`'s (no clock per message, full
// oracle; every message stamped, full oracle). bare is crossbeam's own benchmark loop: no clock
// and no oracle per message, only the received count is checked, so a row is the channel as its
// users run it, without any harness cost.
var modes = []string{"throughput", "latency", "bare"}

// Config is one point of the matrix: one implementation, workload, shape,
// capacity, message size and message count, run Repetitions times after Warmup
// unrecorded repetitions.
type Config struct {
	Impl         string
	Workload     string
	Producers    int
	Consumers    int
	Capacity     int // unbounded or >= 0 (0 = rendezvous)
	MessageBytes int
	Messages     int // total; pingpong: round trips
	Repetitions  int
	Warmup       int
	Mode         string // one of modes
}

func capacityLabel(c int) string {
	if c == unbounded {
		return "unbounded"
	}
	return strconv.Itoa(c)
}

func (c Config) label() string {
	return fmt.Sprintf("%s %s p=%d c=%d cap=%s size=%d mode=%s", c.Impl, c.Workload, c.Producers, c.Consumers,
		capacityLabel(c.Capacity), c.MessageBytes, c.Mode)
}

// skipReason says why a valid combination does not apply (the run is skipped
// with a note on stderr), or "" when it runs.
func skipReason(c Config) string {
	switch c.Workload {
	case "seq":
		if c.Producers != 1 || c.Consumers != 1 {
			return "seq is one thread: needs producers=1 consumers=1"
		}
		if c.Capacity != unbounded && c.Capacity < c.Messages {
			return "seq needs a capacity that holds every message"
		}
	case "spsc", "pingpong":
		if c.Producers != 1 || c.Consumers != 1 {
			return c.Workload + " needs producers=1 consumers=1"
		}
	case "mpsc":
		if c.Consumers != 1 {
			return "mpsc needs consumers=1"
		}
	case "select_rx", "select_both":
		if c.Producers > maxSelectChannels {
			return fmt.Sprintf("%s selects over one channel per producer; the Go reference writes select out for up to %d", c.Workload, maxSelectChannels)
		}
	}
	if c.Capacity == unbounded {
		return "Go channels have no unbounded mode"
	}
	return ""
}

func validMessageSize(n int) bool {
	if n >= heapThreshold {
		return true
	}
	for _, s := range inlineSizes {
		if s == n {
			return true
		}
	}
	return false
}

// validateConfig rejects input that is wrong whatever the implementation.
func validateConfig(c Config) error {
	known, knownMode := false, false
	for _, w := range workloads {
		known = known || w == c.Workload
	}
	for _, m := range modes {
		knownMode = knownMode || m == c.Mode
	}
	switch {
	case c.Impl != implName:
		return fmt.Errorf("unknown implementation %q (this binary runs %s)", c.Impl, implName)
	case !known:
		return fmt.Errorf("unknown workload %q (known: %s)", c.Workload, strings.Join(workloads, ", "))
	case !knownMode:
		return fmt.Errorf("unknown mode %q (known: throughput, latency, bare)", c.Mode)
	case c.Producers < 1:
		return fmt.Errorf("producers must be at least 1, got %d", c.Producers)
	case c.Consumers < 1:
		return fmt.Errorf("consumers must be at least 1, got %d", c.Consumers)
	case c.Capacity < 0 && c.Capacity != unbounded:
		return fmt.Errorf("capacity must be >= 0 or unbounded, got %d", c.Capacity)
	case !validMessageSize(c.MessageBytes):
		return fmt.Errorf("message size %d: inline sizes are 8,16,32,64,128,256,512; 1024 and up are heap-backed", c.MessageBytes)
	case c.Messages < 1:
		return fmt.Errorf("messages must be at least 1, got %d", c.Messages)
	case skipReason(c) == "" && c.Messages%c.Producers != 0:
		return fmt.Errorf("messages %d not divisible by producers %d", c.Messages, c.Producers)
	case c.Repetitions < 1:
		return fmt.Errorf("repetitions must be at least 1, got %d", c.Repetitions)
	case c.Warmup < 0:
		return fmt.Errorf("warmup must be >= 0, got %d", c.Warmup)
	}
	return nil
}

// Matrix is one rectangular set of parameter lists; expand yields every combination.
type Matrix struct {
	Impls, Workloads                 []string
	Producers, Consumers, Capacities []int
	Sizes, Messages                  []int
	Modes                            []string
	Repetitions, Warmup              int
}

func (m Matrix) expand() []Config {
	var out []Config
	for _, impl := range m.Impls {
		for _, w := range m.Workloads {
			for _, p := range m.Producers {
				for _, c := range m.Consumers {
					for _, capacity := range m.Capacities {
						for _, s := range m.Sizes {
							for _, n := range m.Messages {
								for _, mode := range m.Modes {
									out = append(out, Config{impl, w, p, c, capacity, s, n, m.Repetitions, m.Warmup, mode})
								}
							}
						}
					}
				}
			}
		}
	}
	return out
}
