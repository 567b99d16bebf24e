package main

import (
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"syscall"
	"time"
	_ "unsafe" // for go:linkname
)

// nanotime is the runtime's monotonic clock (CLOCK_MONOTONIC via the vDSO),
// cheaper than time.Now, which also reads the wall clock.
//
//go:linkname nanotime runtime.nanotime
func nanotime() int64

// usage is a getrusage(RUSAGE_SELF) snapshot: every thread of the process.
type usage struct {
	user, sys     float64
	nvcsw, nivcsw int64
}

func readUsage() usage {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return usage{}
	}
	return usage{
		user:   float64(ru.Utime.Sec) + float64(ru.Utime.Usec)/1e6,
		sys:    float64(ru.Stime.Sec) + float64(ru.Stime.Usec)/1e6,
		nvcsw:  ru.Nvcsw,
		nivcsw: ru.Nivcsw,
	}
}

// mallocCount is the cumulative number of heap objects allocated. ReadMemStats
// stops the world, so it is called only outside the timed window.
func mallocCount() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Mallocs
}

// heapSampler samples live heap bytes every 2 ms during a run. runtime/metrics
// reads without stopping the world, unlike ReadMemStats.
type heapSampler struct {
	stop chan struct{}
	peak chan uint64
}

const heapObjectsMetric = "/memory/classes/heap/objects:bytes"

func heapBytes(s []metrics.Sample) uint64 {
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

func startHeapSampler() *heapSampler {
	h := &heapSampler{stop: make(chan struct{}), peak: make(chan uint64, 1)}
	go func() {
		s := []metrics.Sample{{Name: heapObjectsMetric}}
		peak := heapBytes(s)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				if v := heapBytes(s); v > peak {
					peak = v
				}
			case <-h.stop:
				if v := heapBytes(s); v > peak {
					peak = v
				}
				h.peak <- peak
				return
			}
		}
	}()
	return h
}

func (h *heapSampler) finish() uint64 {
	close(h.stop)
	return <-h.peak
}

// resetPeakRSS asks Linux to reset VmHWM to the current RSS so each run reports
// its own peak; if the kernel refuses, VmHWM stays the process-lifetime peak.
func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSS is VmHWM from /proc/self/status, in bytes (0 when unavailable).
func peakRSS() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseUint(f[1], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}
