#!/usr/bin/env bash
# Runs a make target (default: test) RUNS times (default: 5) while CPU-bound processes keep
# every core busy, and prints pass/fail per run: the suite must not depend on how fast the
# machine is. The load is stress-ng when installed (Debian's stress-ng), else busy shells;
# it is stopped however this script ends.
#   scripts/test-under-load.sh [TARGET] [RUNS]      e.g. scripts/test-under-load.sh test-tsan 5
# HOGS (default: the number of cores) sets how many CPU-bound processes run beside it;
# SHOW_OUTPUT=1 streams each run's output as well as logging it (CI).
set -uo pipefail
cd "$(dirname "$0")/.."
target=${1:-test}
runs=${2:-5}
hogs=${HOGS:-$(nproc)}
case "$runs" in ''|*[!0-9]*) echo "error: RUNS must be a whole number (got '$runs')" >&2; exit 1 ;; esac
logdir=$(mktemp -d "${TMPDIR:-/tmp}/chanbench-load.XXXXXX")

load_pids=()
stop_load() {
    for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait "${load_pids[@]}" 2>/dev/null
    load_pids=()
}
trap 'stop_load; exit 130' INT
trap 'stop_load; exit 143' TERM
trap 'stop_load' EXIT

if command -v stress-ng >/dev/null 2>&1; then
    stress-ng --cpu "$hogs" --quiet &
    load_pids+=($!)
    how="stress-ng --cpu $hogs"
else
    for _ in $(seq "$hogs"); do
        sh -c 'while :; do :; done' &
        load_pids+=($!)
    done
    how="$hogs busy shells"
fi
echo "test-under-load: make $target, $runs run(s), beside $how; logs in $logdir" >&2

passed=0 failed=0
for i in $(seq "$runs"); do
    start=$(date +%s)
    if [ "${SHOW_OUTPUT:-0}" = 1 ]; then
        make "$target" 2>&1 | tee "$logdir/run-$i.log"
        rc=${PIPESTATUS[0]}
    else
        make "$target" > "$logdir/run-$i.log" 2>&1
        rc=$?
    fi
    if [ "$rc" -eq 0 ]; then
        status=pass; passed=$((passed + 1))
    else
        status=FAIL; failed=$((failed + 1))
    fi
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "run $i/$runs: $status ($(( $(date +%s) - start )) s, load average $load)$([ "$status" = FAIL ] && echo "; log: $logdir/run-$i.log")"
    if [ "$status" = FAIL ]; then grep -E "✘|error:|failed" "$logdir/run-$i.log" | head -20; fi
done
stop_load
echo "test-under-load: runs passed: $passed of $runs"
# Logs of passing runs are not worth keeping.
[ "$failed" -eq 0 ] && rm -rf "$logdir"
[ "$failed" -eq 0 ]
