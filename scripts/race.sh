#!/usr/bin/env bash
# The speed race: Swift channels and the Go/Rust references on the same workloads, interleaved
# per repetition and configuration (every implementation runs repetition k of a
# configuration before any runs repetition k+1, and configurations alternate), so machine drift
# and other load hit all of them alike and the ratios in one file are comparable.
#
# Usage: scripts/race.sh [OUT.csv]   (default results/race-<UTC>.csv, copied to results/race-latest.csv)
# Env: CHANBENCH (release binary), RACE_REPS (3), RACE_MESSAGES (1000000, streaming workloads),
#      RACE_SLOW_MESSAGES (rendezvous and ping-pong; default = RACE_MESSAGES), RACE_SWIFT_ARGS (extra
#      flags for chanbench run, e.g. --generic-path).
# Modes: chanbench run measures throughput and latency (its default); the references measure
# those too (harness to harness: the same clock and oracle costs on both sides) and bare (their
# own benchmark loop with no harness cost: the peers as their users run them).
# Then prints the ratio tables (scripts/race-table.py).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin="${CHANBENCH:-.build/release/chanbench}"
go_bin="reference/go/chanbench-go"
rust_bin="reference/rust/target/release/chanbench-rust"
for b in "$bin" "$go_bin" "$rust_bin"; do
    [ -x "$b" ] || { echo "race: $b is not built (make release reference-build)" >&2; exit 2; }
done
reps="${RACE_REPS:-3}"
msgs="${RACE_MESSAGES:-1000000}"
slow="${RACE_SLOW_MESSAGES:-$msgs}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p results
out="${1:-results/race-$stamp.csv}"
rm -f "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# name | workload | producers | consumers | capacity | messages | swift impls | rust impls | go?
# An empty swift field runs the references only.
configs=(
  "spsc-1024|spsc|1|1|1024|$msgs|condvar,ring,actor|rust-std-mpsc,rust-crossbeam|go"
  "mpsc-1024|mpsc|4|1|1024|$msgs|condvar,ring,actor|rust-std-mpsc,rust-crossbeam|go"
  "mpmc-1024|mpmc|4|4|1024|$msgs|condvar,ring,actor|rust-crossbeam|go"
  "mpmc-unbounded|mpmc|4|4|unbounded|$msgs|condvar,list,actor|rust-crossbeam|"
  "spsc-0|spsc|1|1|0|$slow|condvar,actor,asyncchannel|rust-std-mpsc,rust-crossbeam|go"
  "pingpong-1|pingpong|1|1|1|$slow|condvar,ring,actor|rust-std-mpsc,rust-crossbeam|go"
  "mpmc-1024-16x16|mpmc|16|16|1024|$msgs|ring,condvar|rust-crossbeam|go"
  "select_rx-1024|select_rx|4|1|1024|$msgs|condvar,ring,actor|rust-crossbeam|go"
  "select_rx-unbounded|select_rx|4|1|unbounded|$msgs|condvar,list,actor|rust-crossbeam|"
  "select_both-1024|select_both|4|4|1024|$msgs|condvar,ring,actor|rust-crossbeam|go"
  "select_both-unbounded|select_both|4|4|unbounded|$msgs|condvar,list,actor|rust-crossbeam|"
)
status=0
load_samples=()
step=0
total=$(( reps * ${#configs[@]} ))
for rep in $(seq 1 "$reps"); do
  for cfg in "${configs[@]}"; do
    IFS='|' read -r name w p c cap n swift rust go <<<"$cfg"
    step=$((step + 1))
    load_samples+=("$(cut -d' ' -f1 /proc/loadavg)")
    echo "[race $step/$total] rep $rep $name (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    flags=(--workload "$w" --producers "$p" --consumers "$c" --capacity "$cap" --message-size 8 --messages "$n" --repetitions 1 --warmup 0)
    # Swift: its own file per invocation (chanbench replaces --output), rows appended here. Removed
    # first, so a run that fails before writing cannot append the previous configuration's rows again.
    rm -f "$tmp/swift.csv"
    if [ -n "$swift" ]; then
      "$bin" run --impl "$swift" "${flags[@]}" ${RACE_SWIFT_ARGS:-} --quiet --output "$tmp/swift.csv" >/dev/null || status=$?
    fi
    if [ -s "$tmp/swift.csv" ]; then
      if [ ! -s "$out" ]; then
        { grep '^#' "$tmp/swift.csv" | grep -v '^# status:'
          echo "# race: scripts/race.sh reps=$reps messages=$msgs slow_messages=$slow interleaved per repetition x configuration; references appended with --output"
          grep -v '^#' "$tmp/swift.csv" | head -1; } > "$out"
      fi
      grep -v '^#' "$tmp/swift.csv" | tail -n +2 >> "$out"
    fi
    # References append (and pad to the Swift file's columns) themselves.
    "$rust_bin" --impl "$rust" "${flags[@]}" --mode throughput,latency,bare --output "$out" >/dev/null 2>&1 || status=$?
    if [ -n "$go" ]; then "$go_bin" "${flags[@]}" --mode throughput,latency,bare --output "$out" >/dev/null 2>&1 || status=$?; fi
  done
done
# Repetition numbers: each invocation ran repetition 1; number them by configuration.
awk -F, -v OFS=, '
  /^#/ || !hdr { if (!/^#/) { hdr = 1; for (i = 1; i <= NF; i++) col[$i] = i }; print; next }
  { k = $col["impl"] FS $col["workload"] FS $col["producers"] FS $col["consumers"] FS $col["capacity"] FS $col["message_bytes"] FS $col["mode"]
    $col["repetition"] = ++seen[k]; print }' "$out" > "$tmp/renum.csv" && cp "$tmp/renum.csv" "$out"
sed -i "1i # race_load_avg_1min_samples: ${load_samples[*]}" "$out"
# The race file is assembled from several runs: it is complete when every one of them succeeded.
[ "$status" -ne 0 ] || echo "# status: complete rows=$(grep -v '^#' "$out" | tail -n +2 | wc -l)" >> "$out"
[ "$out" = "results/race-latest.csv" ] || cp "$out" results/race-latest.csv
echo "race: wrote $out (copy: results/race-latest.csv)" >&2
python3 scripts/race-table.py "$out"
exit "$status"
