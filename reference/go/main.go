// Command chanbench-go is ChannelBench's Go reference: the same workloads,
// oracle and CSV columns as `chanbench run`, over goroutines and Go channels
// (impl go-chan, family reference, driver goroutines).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	opts, err := parseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, usageText)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "chanbench-go: %v\n", err)
		return 2
	}
	meta := metadataLines(opts, append([]string{"chanbench-go"}, args...))
	out, summaryOut := io.Writer(stdout), stdout
	columns := strings.Split(csvHeader, ",")
	if opts.Output != "" {
		f, cols, err := openOutput(opts.Output, meta)
		if err != nil {
			fmt.Fprintf(stderr, "chanbench-go: %v\n", err)
			return 2
		}
		defer f.Close()
		out, columns = f, cols
	} else {
		for _, l := range meta {
			fmt.Fprintln(out, l)
		}
		fmt.Fprintln(out, csvHeader)
		summaryOut = stderr
	}

	var runnable []Config
	for _, c := range opts.Configs {
		if why := skipReason(c); why != "" {
			fmt.Fprintf(stderr, "skip: %s: %s\n", c.label(), why)
			continue
		}
		runnable = append(runnable, c)
	}
	total := 0
	for _, c := range runnable {
		total += c.Repetitions
	}
	var keys []summaryKey
	rows := map[summaryKey][]runResult{}
	messages := map[summaryKey]int{}
	failed, done := 0, 0
	for _, c := range runnable {
		for w := 1; w <= c.Warmup; w++ {
			fmt.Fprintf(stderr, "[%d/%d] %s warmup %d/%d\n", done, total, c.label(), w, c.Warmup)
			r := guarded(c, opts.RunTimeout, stderr)
			if r.failure != "" {
				fmt.Fprintf(stderr, "FAILED (warmup): %s: %s\n", c.label(), r.failure)
			}
		}
		for rep := 1; rep <= c.Repetitions; rep++ {
			done++
			fmt.Fprintf(stderr, "[%d/%d] %s rep %d/%d\n", done, total, c.label(), rep, c.Repetitions)
			r := guarded(c, opts.RunTimeout, stderr)
			if r.failure != "" {
				failed++
				fmt.Fprintf(stderr, "FAILED: %s rep %d: %s\n", c.label(), rep, r.failure)
			}
			// One write per row, unbuffered: an interrupted run leaves every finished row.
			if _, err := fmt.Fprintln(out, formatRow(columns, rowFields(c, rep, r))); err != nil {
				fmt.Fprintf(stderr, "chanbench-go: cannot write a row: %v\n", err)
				return 2
			}
			k := summaryKey{c.Workload, c.Producers, c.Consumers, c.Capacity, c.MessageBytes, c.Mode}
			if _, seen := rows[k]; !seen {
				keys = append(keys, k)
			}
			rows[k] = append(rows[k], r)
			messages[k] = c.Messages
		}
	}
	if len(keys) > 0 {
		printSummary(summaryOut, keys, rows, messages)
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "chanbench-go: %d run(s) failed verification\n", failed)
		return 1
	}
	return 0
}

// guarded runs one repetition under a watchdog: a run that hangs cannot be
// cancelled from outside its goroutines, so the process reports it and exits
// non-zero, leaving every row already written intact.
func guarded(c Config, timeout time.Duration, stderr io.Writer) runResult {
	t := time.AfterFunc(timeout, func() {
		fmt.Fprintf(stderr, "FAILED: %s: no progress within --run-timeout %v; stopping\n", c.label(), timeout)
		os.Exit(3)
	})
	defer t.Stop()
	return runConfig(c)
}
