#!/usr/bin/env bash
# CI catastrophe gate: run the quick suite and compare it with the committed results/baseline.csv.
#
# The committed baseline was measured on another day under another load, so this gate only
# catches disasters: the threshold is generous (default 3x, i.e. a regression needs the whole
# confidence interval of NEW/BASE above 3). Real, smaller regressions are the job of the same-run
# A/B comparison (`make compare BASE=<ref>`), which is immune to day-to-day machine drift.
# Failed oracle checks (verified=false) fail the gate at any threshold.
#
# Called from .ci/run after the tests. Environment:
#   CI_GATE_THRESHOLD=3x   compare --threshold
#   CI_GATE_BASELINE=results/baseline.csv
#   GITHUB_STEP_SUMMARY    if set, a markdown report is appended to it
# Exit: 0 pass, 2 regression or failed rows, 1 bad input (missing baseline, unreadable CSV...).
set -euo pipefail
cd "$(dirname "$0")/.."

THRESHOLD="${CI_GATE_THRESHOLD:-3x}"
BASELINE="${CI_GATE_BASELINE:-results/baseline.csv}"
BIN=".build/release/chanbench"

if [[ ! -s "$BASELINE" ]]; then
    echo "ci-gate: error: baseline $BASELINE is missing or empty; create it with 'make baseline' on main and commit it" >&2
    exit 1
fi

swift build -c release --product chanbench
mkdir -p results
NEW="results/ci-$(date -u +%Y%m%dT%H%M%SZ).csv"
# A failed oracle check makes `run` exit non-zero; keep going so compare names the configuration.
run_status=0
"$BIN" run --suite quick --output "$NEW" || run_status=$?
if [[ ! -s "$NEW" ]]; then
    echo "ci-gate: error: the quick suite wrote no CSV (chanbench run exit $run_status)" >&2
    exit 1
fi

status=0
"$BIN" compare --threshold "$THRESHOLD" "$BASELINE" "$NEW" || status=$?
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    "$BIN" compare --format markdown --threshold "$THRESHOLD" "$BASELINE" "$NEW" \
        >>"$GITHUB_STEP_SUMMARY" 2>/dev/null || true
fi
if [[ $status -eq 0 && $run_status -ne 0 ]]; then
    echo "ci-gate: error: chanbench run exited $run_status although every compared row passed" >&2
    exit 2
fi
exit "$status"
