package main

import (
	"fmt"
	"io"
	"sort"
)

type summaryKey struct {
	workload string
	p, c     int
	capacity int
	size     int
	mode     string
}

// printSummary writes, per configuration, the median ns/msg and p50 latency
// over the measured repetitions, so nobody needs a chart to see the result.
// keys are in run order.
func printSummary(w io.Writer, keys []summaryKey, rows map[summaryKey][]runResult, messages map[summaryKey]int) {
	fmt.Fprintf(w, "%-8s %-11s %5s %9s %6s %-10s %12s %12s %s\n", "impl", "workload", "PxC", "capacity", "size", "mode", "median ns/msg", "median p50", "verified")
	for _, k := range keys {
		rs := rows[k]
		ns := make([]float64, 0, len(rs))
		p50 := make([]float64, 0, len(rs))
		ok := true
		for _, r := range rs {
			ns = append(ns, r.seconds*1e9/float64(messages[k]))
			p50 = append(p50, float64(r.latency.percentile(0.5)))
			ok = ok && r.failure == ""
		}
		p50Text := "-" // only latency mode times messages
		if k.mode == "latency" {
			p50Text = fmt.Sprintf("%.0f", median(p50))
		}
		fmt.Fprintf(w, "%-8s %-11s %5s %9s %6d %-10s %13.1f %12s %v\n", implName, k.workload, fmt.Sprintf("%dx%d", k.p, k.c),
			capacityLabel(k.capacity), k.size, k.mode, median(ns), p50Text, ok)
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
