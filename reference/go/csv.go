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

// contractHeader is the bench CSV contract shared with `chanbench run` (COMMON.md): same
// columns, same order, same names; readers look columns up by name.
const contractHeader = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition," +
	"seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg," +
	"peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified"

// csvHeader is what this binary writes to a new file: the contract, then `chanbench run`'s own
// columns after `verified`, in its order, so compare and the report read both alike.
const csvHeader = contractHeader + ",lossy,lost_messages,rate_msgs_per_sec,failure,fork,latency_sample_every,generic_path,mode"

// rowFields is one repetition's values by column name. Latency columns are empty outside
// latency mode (nothing was timed); latency_sample_every is 1 there (every message stamped).
func rowFields(c Config, rep int, r runResult) map[string]string {
	perSec, nsPer := 0.0, 0.0
	if r.seconds > 0 {
		perSec = float64(c.Messages) / r.seconds
		nsPer = r.seconds * 1e9 / float64(c.Messages)
	}
	f := map[string]string{
		"impl": c.Impl, "family": family, "driver": driver, "workload": c.Workload,
		"producers": strconv.Itoa(c.Producers), "consumers": strconv.Itoa(c.Consumers),
		"capacity": capacityLabel(c.Capacity), "message_bytes": strconv.Itoa(c.MessageBytes),
		"messages": strconv.Itoa(c.Messages), "repetition": strconv.Itoa(rep),
		"seconds": strconv.FormatFloat(r.seconds, 'f', 9, 64), "msgs_per_sec": strconv.FormatFloat(perSec, 'f', 1, 64),
		"ns_per_msg": strconv.FormatFloat(nsPer, 'f', 3, 64), "cpu_user_s": strconv.FormatFloat(r.cpuUser, 'f', 6, 64),
		"cpu_sys_s": strconv.FormatFloat(r.cpuSys, 'f', 6, 64), "ctx_voluntary": strconv.FormatInt(r.ctxVol, 10),
		"ctx_involuntary": strconv.FormatInt(r.ctxInvol, 10), "allocs_per_msg": strconv.FormatFloat(r.allocsPerMsg, 'f', 4, 64),
		"peak_allocated_bytes": strconv.FormatUint(r.peakAllocated, 10), "peak_rss_bytes": strconv.FormatUint(r.peakRSS, 10),
		"verified": strconv.FormatBool(r.failure == ""), "lossy": "false", "lost_messages": "0",
		"failure": strings.NewReplacer(",", ";", "\n", " ").Replace(r.failure), "fork": "1",
		"latency_sample_every": "0", "mode": c.Mode,
	}
	if r.failure != "" {
		f["lost_messages"] = "" // the oracle names the first broken invariant, not a loss count
	}
	if c.Mode == "latency" {
		l := r.latency
		f["latency_sample_every"] = "1"
		f["lat_p50_ns"] = strconv.FormatUint(l.percentile(0.50), 10)
		f["lat_p90_ns"] = strconv.FormatUint(l.percentile(0.90), 10)
		f["lat_p99_ns"] = strconv.FormatUint(l.percentile(0.99), 10)
		f["lat_p999_ns"] = strconv.FormatUint(l.percentile(0.999), 10)
		f["lat_max_ns"] = strconv.FormatUint(l.max, 10)
	}
	return f
}

// formatRow lays fields out under columns; a column this binary does not fill stays empty.
func formatRow(columns []string, fields map[string]string) string {
	out := make([]string, len(columns))
	for i, col := range columns {
		out[i] = fields[col]
	}
	return strings.Join(out, ",")
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

// openOutput opens path for appending rows and returns the columns rows must be laid out
// under. A new or empty file gets the metadata and csvHeader; an existing one must start with
// the contract columns (a `chanbench run` file, or one of ours), so rows never land under
// different columns; its own header is then the layout, so rows fill every column both know.
func openOutput(path string, meta []string) (w io.WriteCloser, columns []string, err error) {
	existing, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, fmt.Errorf("cannot read %s: %v", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot write %s: %v", path, err)
	}
	if len(existing) == 0 {
		if _, err := io.WriteString(f, strings.Join(append(meta, csvHeader), "\n")+"\n"); err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("cannot write %s: %v", path, err)
		}
		return f, strings.Split(csvHeader, ","), nil
	}
	for _, line := range strings.Split(string(existing), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if line != contractHeader && !strings.HasPrefix(line, contractHeader+",") {
			f.Close()
			return nil, nil, fmt.Errorf("%s has a different header; write to a new file", path)
		}
		columns = strings.Split(line, ",")
		break
	}
	if !strings.HasSuffix(string(existing), "\n") {
		if _, err := io.WriteString(f, "\n"); err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("cannot write %s: %v", path, err)
		}
	}
	return f, columns, nil
}
