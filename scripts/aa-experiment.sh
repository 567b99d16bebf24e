#!/usr/bin/env bash
# A/A experiment: how often does the regression gate cry wolf on this machine?
#
#   make aa [AA_RUNS=11] [AA_SUITE=quick] [AA_THRESHOLD=5%]
#
# Runs the same release build RUNS times on one suite, one run after another, then compares
# every run with the next (RUNS-1 chained comparisons, the situation of "compare today's run
# with the previous one") and, because the data is there anyway, every ordered pair of runs
# (RUNS*(RUNS-1)/2 comparisons, earlier as BASE). Identical code on both sides, so every
# regression verdict is a false alarm, every improvement a false "win". A gate is trustworthy
# at a threshold when the chained comparisons show none.
#
# Output: results/aa-<UTC timestamp>/ with run-N.csv, compare-I-J.csv (verdicts) and
# summary.txt (also printed). Exit: 0 no false regression in the chained comparisons, 2 some,
# 1 bad input / a run that produced nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${AA_RUNS:-11}"
SUITE="${AA_SUITE:-quick}"
THRESHOLD="${AA_THRESHOLD:-5%}"
BIN=".build/release/chanbench"
die() { echo "aa-experiment: error: $*" >&2; exit 1; }
say() { echo "aa-experiment: $*" >&2; }

[[ "$RUNS" =~ ^[0-9]+$ ]] && (( RUNS >= 2 )) || die "AA_RUNS must be an integer >= 2, got '$RUNS'"
[[ -x "$BIN" ]] || die "$BIN missing: run 'make release' first"

BUILD="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD -- 2>/dev/null || BUILD="$BUILD+dirty"
DIR="results/aa-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$DIR"
say "$RUNS runs of suite '$SUITE' with one build ($BUILD); threshold $THRESHOLD; into $DIR"
for i in $(seq 1 "$RUNS"); do
    start=$SECONDS
    status=0
    "$BIN" run --suite "$SUITE" --quiet --output "$DIR/run-$i.csv" >"$DIR/run-$i.log" 2>&1 || status=$?
    [[ -s "$DIR/run-$i.csv" ]] || die "run $i wrote no CSV (exit $status; see $DIR/run-$i.log)"
    say "run $i/$RUNS done in $((SECONDS - start)) s (exit $status)"
done

# Verdict counts of one comparison: "regression improvement unchanged judged".
tally() {
    awk -F, '/^#/ { next }
             !h { for (i = 1; i <= NF; i++) if ($i == "verdict") v = i; h = 1; next }
             { n[$v]++; if ($v != "missing" && $v != "new") judged++ }
             END { printf "%d %d %d %d\n", n["regression"], n["improvement"], n["unchanged"], judged }' "$1"
}

compare_pair() {
    local i="$1" j="$2" out="$DIR/compare-$1-$2.csv" status=0
    "$BIN" compare --threshold "$THRESHOLD" --format csv "$DIR/run-$i.csv" "$DIR/run-$j.csv" >"$out" 2>/dev/null || status=$?
    [[ $status -ne 1 ]] || die "compare run-$i run-$j: bad input"
    tally "$out"
}

chained_regressions=0
{
    echo "A/A experiment: $RUNS runs of suite '$SUITE', one build, compare --threshold $THRESHOLD"
    echo "build: $BUILD; $(grep -m1 '^# cpu_model' "$DIR/run-1.csv" | cut -c3-); $(grep -m1 '^# cores' "$DIR/run-1.csv" | cut -c3-)"
    echo
    echo "chained (run i as BASE, run i+1 as NEW):"
    printf "  %-8s %11s %12s %10s %7s\n" pair regressions improvements unchanged judged
    tot_r=0; tot_i=0; tot_j=0
    for i in $(seq 1 $((RUNS - 1))); do
        read -r r im u j < <(compare_pair "$i" $((i + 1)))
        printf "  %-8s %11d %12d %10d %7d\n" "$i-$((i + 1))" "$r" "$im" "$u" "$j"
        tot_r=$((tot_r + r)); tot_i=$((tot_i + im)); tot_j=$((tot_j + j))
    done
    echo "  total: $tot_r false regressions and $tot_i false improvements in $tot_j judged configurations"
    echo "$tot_r" >"$DIR/.chained"
    echo
    pr=0; pi=0; pj=0; pairs=0; pairs_with=0
    for i in $(seq 1 "$RUNS"); do
        for k in $(seq $((i + 1)) "$RUNS"); do
            if (( k == i + 1 )); then read -r r im u j < <(tally "$DIR/compare-$i-$k.csv")
            else read -r r im u j < <(compare_pair "$i" "$k"); fi
            pr=$((pr + r)); pi=$((pi + im)); pj=$((pj + j)); pairs=$((pairs + 1))
            (( r == 0 )) || pairs_with=$((pairs_with + 1))
        done
    done
    echo "all $pairs ordered pairs: $pr false regressions ($pairs_with pairs with any), $pi false improvements, in $pj judged configurations"
    echo
    echo "false regressions by configuration (all pairs):"
    awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) if ($i == "verdict") c = i; next }
             $c == "regression" { print "  " $1 " " $4 " " $5 "x" $6 " cap=" $7 " size=" $8 }' "$DIR"/compare-*.csv \
        | sort | uniq -c | sort -rn | head -20
} | tee "$DIR/summary.txt"

chained_regressions="$(cat "$DIR/.chained")"
rm -f "$DIR/.chained"
if (( chained_regressions > 0 )); then
    say "FAIL: $chained_regressions false regression(s) in the chained comparisons at $THRESHOLD"
    exit 2
fi
say "pass: no false regression in $((RUNS - 1)) chained comparisons at $THRESHOLD (summary: $DIR/summary.txt)"
