package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// csvHeader is the bench CSV contract shared with `chanbench run` (COMMON.md):
// same columns, same order, same names.
const csvHeader = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition," +
	"seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg," +
	"peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified"

func formatRow(c Config, rep int, r runResult) string {
	perSec, nsPer := 0.0, 0.0
	if r.seconds > 0 {
		perSec = float64(c.Messages) / r.seconds
		nsPer = r.seconds * 1e9 / float64(c.Messages)
	}
	l := r.latency
	return strings.Join([]string{
		c.Impl, family, driver, c.Workload, strconv.Itoa(c.Producers), strconv.Itoa(c.Consumers),
		capacityLabel(c.Capacity), strconv.Itoa(c.MessageBytes), strconv.Itoa(c.Messages), strconv.Itoa(rep),
		strconv.FormatFloat(r.seconds, 'f', 9, 64), strconv.FormatFloat(perSec, 'f', 1, 64),
		strconv.FormatFloat(nsPer, 'f', 3, 64), strconv.FormatFloat(r.cpuUser, 'f', 6, 64),
		strconv.FormatFloat(r.cpuSys, 'f', 6, 64), strconv.FormatInt(r.ctxVol, 10), strconv.FormatInt(r.ctxInvol, 10),
		strconv.FormatFloat(r.allocsPerMsg, 'f', 4, 64), strconv.FormatUint(r.peakAllocated, 10),
		strconv.FormatUint(r.peakRSS, 10), strconv.FormatUint(l.percentile(0.50), 10),
		strconv.FormatUint(l.percentile(0.90), 10), strconv.FormatUint(l.percentile(0.99), 10),
		strconv.FormatUint(l.percentile(0.999), 10), strconv.FormatUint(l.max, 10),
		strconv.FormatBool(r.failure == ""),
	}, ",")
}

func commandOutput(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func gitCommit() string {
	head := commandOutput("git", "rev-parse", "HEAD")
	if head == "" {
		return "unknown"
	}
	if commandOutput("git", "status", "--porcelain", "--untracked-files=no") != "" {
		head += "-dirty"
	}
	return head
}

func fileField(path, prefix string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), prefix) {
			return strings.Trim(strings.TrimSpace(strings.TrimPrefix(sc.Text(), prefix)), `"`)
		}
	}
	return ""
}

func kernelRelease() string {
	var u syscall.Utsname
	if syscall.Uname(&u) != nil {
		return ""
	}
	var b []byte
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	return string(b)
}

func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"$") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}

// metadataLines records how the file was made, as `# key: value` lines.
func metadataLines(opts Options, args []string) []string {
	osName := fileField("/etc/os-release", "PRETTY_NAME=")
	lines := []string{
		"git_commit: " + gitCommit(),
		"date: " + time.Now().UTC().Format(time.RFC3339),
		"go_version: " + runtime.Version(),
		"os: " + strings.TrimSpace(osName+" (Linux "+kernelRelease()+")"),
		"cpu_model: " + fileField("/proc/cpuinfo", "model name\t:"),
		"cores: " + strconv.Itoa(runtime.NumCPU()),
		"gomaxprocs: " + strconv.Itoa(runtime.GOMAXPROCS(0)),
		"command: " + quoteArgs(args),
		"parameters: " + opts.Parameters,
		"message_layout: 24-byte header (producer u32, seq u64, send ns) + message_bytes payload; <1024 inline array, >=1024 heap-allocated per message",
		"latency: send-to-receive ns (pingpong: round trip), CLOCK_MONOTONIC, log-linear histogram, highest equivalent value (<1.6% over)",
		"peak_allocated_bytes: live Go heap objects, sampled every 2 ms",
	}
	lines = append(lines, opts.Meta...)
	for i, l := range lines {
		lines[i] = "# " + strings.ReplaceAll(l, "\n", " ")
	}
	return lines
}

// openOutput opens path for appending rows. A new or empty file gets the
// metadata and the header; an existing one must carry the contract columns
// first, so rows never land under different columns. When it has more columns
// after `verified` (a `chanbench run` file with newer metrics), extra says how
// many empty fields each row needs so the references can append to it.
func openOutput(path string, meta []string) (w io.WriteCloser, extra int, err error) {
	existing, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, 0, fmt.Errorf("cannot read %s: %v", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot write %s: %v", path, err)
	}
	if len(existing) == 0 {
		if _, err := io.WriteString(f, strings.Join(append(meta, csvHeader), "\n")+"\n"); err != nil {
			f.Close()
			return nil, 0, fmt.Errorf("cannot write %s: %v", path, err)
		}
		return f, 0, nil
	}
	for _, line := range strings.Split(string(existing), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		switch {
		case line == csvHeader:
		case strings.HasPrefix(line, csvHeader+","):
			extra = strings.Count(line, ",") - strings.Count(csvHeader, ",")
		default:
			f.Close()
			return nil, 0, fmt.Errorf("%s has a different header; write to a new file", path)
		}
		break
	}
	if !strings.HasSuffix(string(existing), "\n") {
		io.WriteString(f, "\n")
	}
	return f, extra, nil
}
