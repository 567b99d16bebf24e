package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Options is everything the command line decides.
type Options struct {
	Configs    []Config
	Output     string
	RunTimeout time.Duration
	Meta       []string // extra "key: value" metadata lines for a new file
	Parameters string   // the resolved matrix, recorded in the metadata
}

type metaFlag []string

func (m *metaFlag) String() string { return strings.Join(*m, ",") }
func (m *metaFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || k == "" || strings.ContainsAny(v, "\n") {
		return errors.New("--meta wants KEY=VALUE on one line")
	}
	*m = append(*m, k+": "+val)
	return nil
}

func splitList(flagName, s string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			return nil, fmt.Errorf("--%s: empty item in %q", flagName, s)
		}
		out = append(out, f)
	}
	return out, nil
}

func parseInts(flagName, s string, allowUnbounded bool) ([]int, error) {
	items, err := splitList(flagName, s)
	if err != nil {
		return nil, err
	}
	out := make([]int, 0, len(items))
	for _, it := range items {
		if allowUnbounded && it == "unbounded" {
			out = append(out, unbounded)
			continue
		}
		v, err := strconv.Atoi(strings.ReplaceAll(it, "_", ""))
		if err != nil {
			return nil, fmt.Errorf("--%s: %q is not a whole number", flagName, it)
		}
		if v < 0 {
			return nil, fmt.Errorf("--%s: %d is negative", flagName, v)
		}
		out = append(out, v)
	}
	return out, nil
}

func parseOne(flagName, s string) (int, error) {
	v, err := parseInts(flagName, s, false)
	if err != nil {
		return 0, err
	}
	if len(v) != 1 {
		return 0, fmt.Errorf("--%s takes one number", flagName)
	}
	return v[0], nil
}

const usageText = `chanbench-go: the Go reference for ChannelBench (goroutines and chan).
Usage: chanbench-go [--suite quick|race|default] [--impl go-chan] [--workload seq,spsc,mpsc,mpmc,pingpong,select_rx,select_both]
  [--producers N,..] [--consumers N,..] [--capacity 0,1,N,unbounded] [--message-size 8,64,1024,..]
  [--messages N,..] [--mode throughput,latency,bare] [--repetitions N] [--warmup N] [--output FILE]
  [--run-timeout SECONDS] [--meta KEY=VALUE]...
Modes: throughput (no clock per message, full oracle), latency (every message stamped, full
oracle), bare (crossbeam's benchmark loop: no clock, no oracle, only the count). Default: throughput,latency.
Rows go to FILE (appended; '#' metadata and the header are written when it is new) or stdout.`

// parseArgs turns the command line into Options or a one-line error.
func parseArgs(args []string) (Options, error) {
	fs := flag.NewFlagSet("chanbench-go", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	impl := fs.String("impl", implName, "")
	workload := fs.String("workload", "spsc", "")
	producers := fs.String("producers", "1", "")
	consumers := fs.String("consumers", "1", "")
	capacity := fs.String("capacity", "1024", "")
	size := fs.String("message-size", "8", "")
	messages := fs.String("messages", "1000000", "")
	mode := fs.String("mode", "throughput,latency", "")
	reps := fs.String("repetitions", "3", "")
	warmup := fs.String("warmup", "1", "")
	suite := fs.String("suite", "", "")
	output := fs.String("output", "", "")
	timeout := fs.String("run-timeout", "300", "")
	var meta metaFlag
	fs.Var(&meta, "meta", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return Options{}, err
		}
		return Options{}, errors.New(strings.SplitN(err.Error(), "\n", 2)[0])
	}
	if fs.NArg() > 0 {
		return Options{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	opts := Options{Output: *output, Meta: meta}
	secs, err := parseOne("run-timeout", *timeout)
	if err != nil {
		return Options{}, err
	}
	if secs < 1 {
		return Options{}, errors.New("--run-timeout must be at least 1 second")
	}
	opts.RunTimeout = time.Duration(secs) * time.Second
	repetitions, err := parseOne("repetitions", *reps)
	if err != nil {
		return Options{}, err
	}
	warm, err := parseOne("warmup", *warmup)
	if err != nil {
		return Options{}, err
	}
	impls, err := splitList("impl", *impl)
	if err != nil {
		return Options{}, err
	}
	modeList, err := splitList("mode", *mode)
	if err != nil {
		return Options{}, err
	}

	if *suite != "" {
		for _, f := range []string{"workload", "producers", "consumers", "capacity", "message-size"} {
			if set[f] {
				return Options{}, fmt.Errorf("--suite fixes the matrix; drop --%s or drop --suite", f)
			}
		}
		n := 0
		if set["messages"] {
			if n, err = parseOne("messages", *messages); err != nil {
				return Options{}, err
			}
		}
		if opts.Configs, err = suiteConfigs(*suite, impls, modeList, n, repetitions, warm); err != nil {
			return Options{}, err
		}
		opts.Parameters = fmt.Sprintf("suite=%s impl=%s messages=%s mode=%s repetitions=%d warmup=%d", *suite, *impl,
			map[bool]string{true: *messages, false: "suite"}[set["messages"]], *mode, repetitions, warm)
	} else {
		m := Matrix{Impls: impls, Modes: modeList, Repetitions: repetitions, Warmup: warm}
		if m.Workloads, err = splitList("workload", *workload); err != nil {
			return Options{}, err
		}
		if m.Producers, err = parseInts("producers", *producers, false); err != nil {
			return Options{}, err
		}
		if m.Consumers, err = parseInts("consumers", *consumers, false); err != nil {
			return Options{}, err
		}
		if m.Capacities, err = parseInts("capacity", *capacity, true); err != nil {
			return Options{}, err
		}
		if m.Sizes, err = parseInts("message-size", *size, false); err != nil {
			return Options{}, err
		}
		if m.Messages, err = parseInts("messages", *messages, false); err != nil {
			return Options{}, err
		}
		opts.Configs = m.expand()
		opts.Parameters = fmt.Sprintf("impl=%s workload=%s producers=%s consumers=%s capacity=%s message_size=%s messages=%s mode=%s repetitions=%d warmup=%d",
			*impl, *workload, *producers, *consumers, *capacity, *size, *messages, *mode, repetitions, warm)
	}
	for _, c := range opts.Configs {
		if err := validateConfig(c); err != nil {
			return Options{}, err
		}
	}
	return opts, nil
}
