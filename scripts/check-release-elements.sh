#!/usr/bin/env bash
# Release-build check that channels carrying reference-holding elements keep their refcounts
# right under contention (see docs/race.md, "Ring over-release with reference-holding elements").
#
# Unit tests run in debug, where the optimizer never moves a retain below an atomic store; the
# bug this guards against only existed in the release build with cross-module optimization, in
# code specialized for a message holding an array (message sizes >= 1 KiB are heap-backed).
# So: the release binary, every blocking implementation, heap payloads, tiny and large
# capacities, several rounds (the window is narrow: before the fix about one run in five of a
# single workload crashed). A crash, a failed oracle check or a timeout fails the script.
#
# Called from .ci/run after `make release`. Exit: 0 pass, 1 a run failed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=".build/release/chanbench"
ROUNDS="${ELEMENT_CHECK_ROUNDS:-3}"
[[ -x "$BIN" ]] || { echo "check-release-elements: error: $BIN missing: run 'make release' first" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for round in $(seq 1 "$ROUNDS"); do
    status=0
    "$BIN" run --impl condvar,dispatch,ring --workload spsc,mpsc,mpmc --capacity 1,1024 \
        --message-size 1024,4096 --messages 20000 --repetitions 3 --quiet --output "$out/run-$round.csv" \
        >"$out/run-$round.log" 2>&1 || status=$?
    if [[ $status -ne 0 ]]; then
        echo "check-release-elements: FAIL: round $round exited $status" >&2
        tail -n 30 "$out/run-$round.log" >&2
        exit 1
    fi
    echo "check-release-elements: round $round/$ROUNDS: $(( $(grep -vc "^#" "$out/run-$round.csv") - 1 )) rows, all verified" >&2
done
echo "check-release-elements: pass" >&2
