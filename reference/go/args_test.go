package main

import (
	"fmt"
	"strings"
	"testing"
)

func TestMatrixExpandsEveryCombination(t *testing.T) {
	o, err := parseArgs([]string{"--workload", "spsc,mpmc", "--producers", "1,2", "--consumers", "1,2",
		"--capacity", "0,1,unbounded", "--message-size", "8,4096", "--messages", "1000", "--mode", "bare"})
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Configs) != 2*2*2*3*2 {
		t.Fatalf("got %d configs", len(o.Configs))
	}
	if o.Configs[0].Capacity != 0 || o.Configs[1].MessageBytes != 4096 || o.Configs[4].Capacity != unbounded {
		// sizes vary fastest, then capacities
		t.Fatalf("capacity order not kept: %+v", o.Configs[:3])
	}
}

func TestSkipRules(t *testing.T) {
	base := Config{Impl: implName, Workload: "mpmc", Producers: 2, Consumers: 2, Capacity: 4, MessageBytes: 8, Messages: 10, Repetitions: 1}
	run := func(mut func(*Config)) string { c := base; mut(&c); return skipReason(c) }
	if run(func(c *Config) {}) != "" {
		t.Fatal("mpmc 2x2 should run")
	}
	for name, mut := range map[string]func(*Config){
		"unbounded":        func(c *Config) { c.Capacity = unbounded },
		"spsc 2x2":         func(c *Config) { c.Workload = "spsc" },
		"mpsc 2 consumers": func(c *Config) { c.Workload = "mpsc" },
		"pingpong 2x2":     func(c *Config) { c.Workload = "pingpong" },
		"seq too small":    func(c *Config) { c.Workload, c.Producers, c.Consumers = "seq", 1, 1 },
	} {
		if run(mut) == "" {
			t.Errorf("%s should be skipped", name)
		}
	}
}

func TestModesAreTheInnermostDimension(t *testing.T) {
	o, err := parseArgs([]string{"--workload", "spsc", "--capacity", "1,2", "--messages", "100"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range o.Configs {
		got = append(got, fmt.Sprintf("%d/%s", c.Capacity, c.Mode))
	}
	if strings.Join(got, " ") != "1/throughput 1/latency 2/throughput 2/latency" {
		t.Fatalf("default modes or their order: %v", got)
	}
}

func TestSuitesHoldTheRaceTable(t *testing.T) {
	for _, s := range suiteNames {
		o, err := parseArgs([]string{"--suite", s})
		if err != nil {
			t.Fatal(err)
		}
		if len(o.Configs) < 6 {
			t.Fatalf("suite %s has %d configs", s, len(o.Configs))
		}
	}
	o, _ := parseArgs([]string{"--suite", "race", "--messages", "2000", "--repetitions", "1", "--mode", "throughput"})
	want := []string{"spsc 1x1 1024", "mpsc 4x1 1024", "mpmc 4x4 1024", "mpmc 4x4 -1", "spsc 1x1 0", "pingpong 1x1 1"}
	for i, c := range o.Configs {
		got := fmt.Sprintf("%s %dx%d %d", c.Workload, c.Producers, c.Consumers, c.Capacity)
		if got != want[i] || c.Messages != 2000 || c.Repetitions != 1 {
			t.Fatalf("race config %d = %s (%d msgs, %d reps), want %s", i, got, c.Messages, c.Repetitions, want[i])
		}
	}
}

func TestBadInputIsAOneLineError(t *testing.T) {
	for _, args := range [][]string{
		{"--workload", "fanout"},
		{"--impl", "rust-crossbeam"},
		{"--producers", "0"},
		{"--consumers", "0"},
		{"--capacity", "-1"},
		{"--capacity", "lots"},
		{"--message-size", "100"},
		{"--message-size", "0"},
		{"--messages", "0"},
		{"--workload", "mpsc", "--producers", "3", "--messages", "10"},
		{"--repetitions", "0"},
		{"--warmup", "-2"},
		{"--workload", "spsc,"},
		{"--suite", "huge"},
		{"--suite", "quick", "--capacity", "1"},
		{"--run-timeout", "0"},
		{"--mode", "fast"},
		{"--mode", "throughput,"},
		{"--meta", "novalue"},
		{"--bogus"},
		{"extra"},
	} {
		_, err := parseArgs(args)
		if err == nil {
			t.Errorf("%v: accepted", args)
			continue
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error spans lines: %q", args, err)
		}
	}
}
