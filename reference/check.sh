#!/usr/bin/env bash
# CI check for the cross-language references: builds both, runs their unit
# tests, then a tiny run of every workload (select ones included) and mode whose CSV must carry exactly
# `chanbench run`'s header and only verified rows from all three implementations.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# `chanbench run`'s header (BenchCSV.header + extraColumns), so both kinds of file read alike.
contract='impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified,lossy,lost_messages,rate_msgs_per_sec,failure,fork,latency_sample_every,generic_path,mode'

make -C "$here" build
(cd "$here/go" && GOTOOLCHAIN=local go vet ./... && GOTOOLCHAIN=local go test -count=1 ./...)
(cd "$here/rust" && ${CARGO:-cargo} test --release --offline)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
csv="$tmp/tiny.csv"
flags=(--workload seq,spsc,mpsc,mpmc,pingpong,select_rx,select_both --producers 1,2 --consumers 1,2
       --message-size 8,1024 --messages 4000 --mode throughput,latency,bare --repetitions 1 --warmup 0 --output "$csv")
"$here/go/chanbench-go" "${flags[@]}" --capacity 0,1,4096 >/dev/null 2>"$tmp/go.err" ||
    { cat "$tmp/go.err" >&2; exit 1; }
"$here/rust/target/release/chanbench-rust" "${flags[@]}" --capacity 0,1,4096,unbounded >/dev/null 2>"$tmp/rust.err" ||
    { cat "$tmp/rust.err" >&2; exit 1; }

passed=0 failed=0
expect() { # name, condition result
    if [ "$2" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "check.sh: FAILED: $1" >&2; fi
}
# No early-exit readers (head, grep -q) at the end of pipes: under `set -o pipefail` the writer
# gets SIGPIPE once the CSV outgrows the pipe buffer and the whole script dies with 141.
header="$(awk '!/^#/ { print; exit }' "$csv")"
status=0; [ "$header" = "$contract" ] || status=$?; expect "header matches the bench CSV contract" $status
status=0; [ "$(grep -c '^# git_commit: ' "$csv")" = 1 ] || status=$?; expect "one metadata block" $status
status=0; [ "$(grep -cxF "$contract" "$csv")" = 1 ] || status=$?; expect "one header after appending" $status
rows="$tmp/rows.csv"
grep -v '^#' "$csv" | tail -n +2 >"$rows"
for impl in go-chan rust-std-mpsc rust-crossbeam; do
    status=0; grep -q "^$impl,reference," "$rows" || status=$?; expect "$impl rows present" $status
done
status=0; awk -F, '$26 != "true" { bad = 1 } NF != 34 { bad = 1 } END { exit bad }' "$rows" || status=$?
expect "every row has 34 columns and verified=true" $status
for mode in throughput latency bare; do
    status=0; awk -F, -v m="$mode" '$34 == m { n++ } END { exit !(n > 0) }' "$rows" || status=$?
    expect "$mode rows present" $status
done
status=0; awk -F, '($21 != "") != ($34 == "latency") { bad = 1 } END { exit bad }' "$rows" || status=$?
expect "latency percentiles exactly on latency rows" $status
status=0; awk -F, '$7 == "unbounded" && $1 == "rust-crossbeam" { n++ } END { exit !(n > 0) }' "$rows" || status=$?
expect "unbounded rows present" $status
# The select workloads: rows from both peers that have a select, in every mode (verified=true is
# checked for every row above: the oracle held), unbounded ones from crossbeam, none from std mpsc.
for impl in go-chan rust-crossbeam; do
    for w in select_rx select_both; do
        for mode in throughput latency bare; do
            status=0; awk -F, -v i="$impl" -v w="$w" -v m="$mode" '$1 == i && $4 == w && $34 == m { n++ } END { exit !(n > 0) }' "$rows" || status=$?
            expect "$impl $w $mode rows present" $status
        done
    done
done
status=0; awk -F, '$1 == "rust-crossbeam" && $4 ~ /^select_/ && $7 == "unbounded" { n++ } END { exit !(n > 0) }' "$rows" || status=$?
expect "unbounded select rows present" $status
status=0; awk -F, '$1 == "rust-std-mpsc" && $4 ~ /^select_/ { bad = 1 } END { exit bad }' "$rows" || status=$?
expect "std mpsc (no select) skips the select workloads" $status
echo "check.sh: $passed passed, $failed failed"
[ "$failed" = 0 ]
