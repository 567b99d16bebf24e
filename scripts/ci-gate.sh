#!/usr/bin/env bash
# CI catastrophe gate: run the quick suite and compare it with the committed results/baseline.csv.
#
# The committed baseline was measured on another day under another load, so this gate only
# catches disasters: the threshold is generous (default 3x: a regression needs the whole
# confidence interval of NEW/BASE above 3). Real, smaller regressions are the job of the same-run
# A/B comparison (`make compare BASE=<ref>`), which interleaves both builds in one job.
#
# The quick suite runs 8 fresh processes (forks) with repetitions sized to 30-250 ms, and compare
# takes one sample per process with a Holm-corrected rank test (see README, "Trusting compare").
# Confirmation on top: a regression found by the first comparison is re-measured (only the
# implementations concerned) and the gate fails only if the same configuration regresses again.
# A real 3x slowdown reproduces; a burst of load from another job rarely hits the same
# configuration twice.
# Failed oracle checks (verified=false) fail the gate at once, at any threshold.
#
# Called from .ci/run after the tests. Environment:
#   CI_GATE_THRESHOLD=3x   compare --threshold
#   CI_GATE_BASELINE=results/baseline.csv
#   GITHUB_STEP_SUMMARY    if set, a markdown report is appended to it
# Exit: 0 pass, 2 confirmed regression or failed rows, 1 bad input (missing baseline...).
set -euo pipefail
cd "$(dirname "$0")/.."

THRESHOLD="${CI_GATE_THRESHOLD:-3x}"
BASELINE="${CI_GATE_BASELINE:-results/baseline.csv}"
BIN=".build/release/chanbench"

die() { echo "ci-gate: error: $*" >&2; exit 1; }

[[ -s "$BASELINE" ]] \
    || die "baseline $BASELINE is missing or empty; create it with 'make baseline' on main and commit it"

make release    # the same flags as every figure (cross-module optimization)
mkdir -p results
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"

# One quick-suite run into $1 (extra run arguments follow). A failed oracle check makes `run`
# exit non-zero; the CSV still holds the verified=false rows, which compare reports as failed.
measure() {
    local out="$1"; shift
    local status=0
    # --sizes-from: measure exactly the message counts the baseline measured.
    "$BIN" run --suite quick --sizes-from "$BASELINE" --output "$out" "$@" || status=$?
    [[ -s "$out" ]] || die "the quick suite wrote no CSV (chanbench run exit $status)"
    return 0
}

# Compare, keep the CSV verdicts, print the text report; sets $compare_status.
judge() {
    local new="$1" verdicts="$2"
    compare_status=0
    "$BIN" compare --threshold "$THRESHOLD" --format csv "$BASELINE" "$new" >"$verdicts" 2>/dev/null \
        || compare_status=$?
    [[ $compare_status -ne 1 ]] || "$BIN" compare --threshold "$THRESHOLD" "$BASELINE" "$new"  # show the error
    [[ $compare_status -ne 1 ]] || exit 1
    "$BIN" compare --threshold "$THRESHOLD" "$BASELINE" "$new" || true
}

# Configuration keys (impl..message_bytes) with a given verdict in a compare CSV (the verdict
# column is found by name: the compare CSV may grow trailing columns).
keys_with() {
    awk -F, -v v="$1" '/^#/ { next }
                       !h { for (i = 1; i <= NF; i++) if ($i == "verdict") c = i; h = 1; next }
                       $c == v { print $1","$3","$4","$5","$6","$7","$8 }' "$2" | sort -u
}

NEW="results/ci-$STAMP.csv"
measure "$NEW"
judge "$NEW" "results/ci-$STAMP-verdicts.csv"
[[ -z "${GITHUB_STEP_SUMMARY:-}" ]] || "$BIN" compare --format markdown --threshold "$THRESHOLD" \
    "$BASELINE" "$NEW" >>"$GITHUB_STEP_SUMMARY" 2>/dev/null || true

if [[ -n "$(keys_with failed "results/ci-$STAMP-verdicts.csv")" ]]; then
    echo "ci-gate: FAIL: configurations failed their oracle check (verdict failed above)" >&2
    exit 2
fi
first="$(keys_with regression "results/ci-$STAMP-verdicts.csv")"
if [[ -z "$first" ]]; then
    echo "ci-gate: pass (threshold $THRESHOLD)" >&2
    exit 0
fi

impls="$(cut -d, -f1 <<<"$first" | sort -u | paste -sd, -)"
echo "ci-gate: regression beyond $THRESHOLD in $(wc -l <<<"$first") configuration(s); re-measuring $impls to confirm" >&2
RECHECK="results/ci-$STAMP-recheck.csv"
measure "$RECHECK" --impl "$impls"
judge "$RECHECK" "results/ci-$STAMP-recheck-verdicts.csv"
confirmed="$(comm -12 <(echo "$first") <(keys_with regression "results/ci-$STAMP-recheck-verdicts.csv"))"
if [[ -n "$confirmed" || -n "$(keys_with failed "results/ci-$STAMP-recheck-verdicts.csv")" ]]; then
    echo "ci-gate: FAIL: confirmed regression beyond $THRESHOLD (or failed rows) in:" >&2
    sed 's/^/  /' <<<"$confirmed" >&2
    exit 2
fi
echo "ci-gate: pass: the first run's regression did not reproduce (machine noise)" >&2
exit 0
