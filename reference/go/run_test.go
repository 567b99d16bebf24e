package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chanbenchHeader is `chanbench run`'s header (BenchCSV.header + extraColumns): what this
// binary writes, so both kinds of file read alike.
const chanbenchHeader = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified,lossy,lost_messages,rate_msgs_per_sec,failure,fork,latency_sample_every,generic_path,mode"

func dataLines(t *testing.T, path string) (header string, rows [][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		switch {
		case strings.HasPrefix(l, "# "):
		case header == "":
			header = l
		case strings.HasPrefix(l, "#"), l == csvHeader:
			t.Fatalf("metadata or header in the middle: %q", l)
		default:
			rows = append(rows, strings.Split(l, ","))
		}
	}
	return
}

func TestEveryWorkloadAndCapacityRunsVerified(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.csv")
	var stdout, stderr bytes.Buffer
	code := run([]string{"--workload", "seq,spsc,mpsc,mpmc,pingpong,select_rx,select_both", "--producers", "1,3", "--consumers", "1,2",
		"--capacity", "0,1,5000", "--message-size", "8,512,1024", "--messages", "3000", "--repetitions", "2",
		"--warmup", "0", "--mode", "throughput,latency,bare", "--output", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	header, rows := dataLines(t, out)
	if header != chanbenchHeader {
		t.Fatalf("header differs from the contract:\n%s", header)
	}
	// seq 1x1 cap 5000: 3 sizes; spsc 1x1 and pingpong 1x1: 3 caps x 3 sizes each;
	// mpsc p=1,3 c=1: 2x3x3; mpmc, select_rx and select_both 2x2 shapes x3x3 each; two
	// repetitions and three modes each.
	if want := 3 * 2 * (3 + 9 + 9 + 18 + 3*36); len(rows) != want {
		t.Fatalf("got %d rows, want %d", len(rows), want)
	}
	for _, r := range rows {
		if len(r) != 34 || r[25] != "true" || r[0] != "go-chan" || r[2] != "goroutines" {
			t.Fatalf("bad row %v", r)
		}
		// Only latency mode times messages; the other modes leave the percentiles empty.
		if timed := r[20] != ""; timed != (r[33] == "latency") {
			t.Fatalf("latency columns and mode disagree: %v", r)
		}
	}
	if !strings.Contains(stdout.String(), "median ns/msg") {
		t.Fatal("no summary table on stdout")
	}
	// Appending keeps one header and adds rows.
	if code := run([]string{"--messages", "100", "--repetitions", "1", "--warmup", "0", "--output", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("append exit %d: %s", code, stderr.String())
	}
	if _, again := dataLines(t, out); len(again) != len(rows)+2 {
		t.Fatalf("append: %d rows, want %d (one per default mode)", len(again), len(rows)+2)
	}
}

func TestSelectOverMoreChannelsThanWrittenOutIsSkipped(t *testing.T) {
	c := Config{Impl: implName, Workload: "select_both", Producers: maxSelectChannels + 1, Consumers: 1,
		Capacity: 4, MessageBytes: 8, Messages: 90, Repetitions: 1}
	if skipReason(c) == "" {
		t.Fatal("a select over more channels than recvAny writes out must be skipped")
	}
	c.Producers = maxSelectChannels
	if why := skipReason(c); why != "" {
		t.Fatalf("select over %d channels skipped: %s", maxSelectChannels, why)
	}
}

func TestForeignHeaderIsRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "other.csv")
	os.WriteFile(out, []byte("# x: y\na,b,c\n"), 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--messages", "10", "--output", out}, &stdout, &stderr); code == 0 ||
		!strings.Contains(stderr.String(), "different header") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestUnwritableOutputFails(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--messages", "10", "--output", "/nonexistent-dir/x.csv"}, &stdout, &stderr); code == 0 {
		t.Fatal("unwritable output accepted")
	}
}

func TestAppendsToAWiderChanbenchFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "swift.csv")
	os.WriteFile(out, []byte("# swift_version: 6\n"+contractHeader+",lat_mean_ns,mode\n"), 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--messages", "100", "--repetitions", "1", "--warmup", "0", "--mode", "bare", "--output", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// Rows follow the file's own header by name: a column we do not fill stays empty.
	_, rows := dataLines(t, out)
	if len(rows) != 1 || len(rows[0]) != 28 || rows[0][25] != "true" || rows[0][26] != "" || rows[0][27] != "bare" {
		t.Fatalf("rows %v", rows)
	}
}
