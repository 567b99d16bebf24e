#!/usr/bin/env bash
# How sensitive is the regression gate on this machine, and how often does it cry wolf?
#
#   make sensitivity [ROUNDS=8] [SLOWDOWN=1.10] [SENS_SUITE=quick] [SENS_THRESHOLD=5%]
#
# One release build runs ROUNDS rounds of a suite as A B A B ... exactly as `make compare`
# measures (one process per side per round, `--forks 1`, every run with the first run's message
# counts via `--sizes-from`). A and B are the same code, so:
#   A/A       compare A B             every regression is a false alarm;
#   injected  compare A B*SLOWDOWN    every configuration should be a regression.
# The slowdown is injected by scaling B's measured costs (ns_per_msg, seconds, cpu_user_s,
# cpu_sys_s multiplied, msgs_per_sec divided): an exact, uniform slowdown on top of the real
# process-to-process noise of this machine. That measures what the statistics can see; a real
# code change can also change the noise (a slower path may be steadier or jumpier), which this
# does not model. Both comparisons are made for wall time (ns_per_msg) and CPU time
# (cpu_ns_per_msg). Fractions count non-rendezvous configurations (capacity > 0); rendezvous
# runs swing by up to 3x between processes (threads sharing a core or not) and are reported apart.
#
# Figures depend on the machine's load while it runs: the summary records the load average.
#
# Environment: ROUNDS=8, SLOWDOWN=1.10, SENS_SUITE=quick, SENS_THRESHOLD=5%, CHANBENCH=<binary>,
#   RUN_ARGS= (extra `chanbench run` arguments, e.g. "--impl ring,condvar")
# Output: results/sensitivity-<UTC>/ with a-N.csv, b-N.csv, the joined and injected CSVs, the
# compare CSVs and summary.txt (also printed). Exit: 0, or 1 for bad input or a run without output.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-8}"
SLOWDOWN="${SLOWDOWN:-1.10}"
SUITE="${SENS_SUITE:-quick}"
THRESHOLD="${SENS_THRESHOLD:-5%}"
read -r -a RUN_EXTRA <<<"${RUN_ARGS:-}"
BIN="${CHANBENCH:-.build/release/chanbench}"  # CHANBENCH: another build, e.g. a debug one to try the script
die() { echo "sensitivity: error: $*" >&2; exit 1; }
say() { echo "sensitivity: $*" >&2; }

[[ "$ROUNDS" =~ ^[0-9]+$ ]] && (( ROUNDS >= 2 )) || die "ROUNDS must be an integer >= 2, got '$ROUNDS'"
awk -v s="$SLOWDOWN" 'BEGIN { exit !(s ~ /^[0-9]+(\.[0-9]+)?$/ && s > 1) }' \
    || die "SLOWDOWN must be a factor above 1 such as 1.10, got '$SLOWDOWN'"
[[ -x "$BIN" ]] || die "$BIN missing: run 'make release' first"
# shellcheck source=scripts/ab-join.sh
source scripts/ab-join.sh

BUILD="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD -- 2>/dev/null || BUILD="$BUILD+dirty"
DIR="results/sensitivity-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$DIR"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
say "$ROUNDS rounds of A B on suite '$SUITE' with one build ($BUILD), injected slowdown x$SLOWDOWN; into $DIR"

for round in $(seq 1 "$ROUNDS"); do
    for side in a b; do
        sizes=()
        [[ "$round$side" == 1a ]] || sizes=(--sizes-from "$DIR/a-1.csv")
        start=$SECONDS
        status=0
        "$BIN" run --suite "$SUITE" --forks 1 --quiet --output "$DIR/$side-$round.csv" "${sizes[@]}" "${RUN_EXTRA[@]}" \
            >"$DIR/$side-$round.log" 2>&1 || status=$?
        [[ -s "$DIR/$side-$round.csv" ]] || die "run $side-$round wrote no CSV (exit $status; see $DIR/$side-$round.log)"
        say "round $round/$ROUNDS ${side^^} done in $((SECONDS - start)) s (exit $status)"
    done
done
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"

for side in a b; do
    csvs=()
    for round in $(seq 1 "$ROUNDS"); do csvs+=("$DIR/$side-$round.csv"); done
    AB_JOIN_HEADER="# ab_side: ${side^^} (same build $BUILD on both sides)" ab_join "$DIR/${side^^}.csv" "${csvs[@]}"
done

# B with every cost figure made SLOWDOWN times worse (columns found by header name).
awk -v s="$SLOWDOWN" 'BEGIN { FS = OFS = ","; print "# injected_slowdown: " s " (B figures scaled by scripts/sensitivity.sh)" }
    /^#/ { print; next }
    !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; print; next }
    {
        split("ns_per_msg seconds cpu_user_s cpu_sys_s", up, " ")
        for (k in up) { c = col[up[k]]; if (c && $c != "") $c = sprintf("%.10g", $c * s) }
        c = col["msgs_per_sec"]; if (c && $c != "") $c = sprintf("%.10g", $c / s)
        print
    }' "$DIR/B.csv" >"$DIR/B-injected.csv"

compare() {  # $1 metric, $2 NEW file, $3 output
    local status=0
    "$BIN" compare --metric "$1" --threshold "$THRESHOLD" --format csv "$DIR/A.csv" "$2" >"$3" 2>/dev/null || status=$?
    [[ $status -ne 1 ]] || die "compare --metric $1 A.csv $(basename "$2"): bad input"
}

# "flagged judged mde_ok" of a compare CSV, for rendezvous ($2 = 1) or the other configurations.
tally() {
    awk -F, -v rendezvous="$2" -v limit="$SLOWDOWN" '/^#/ { next }
        !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; next }
        (($col["capacity"] == "0") == (rendezvous == 1)) && $col["verdict"] ~ /^(regression|improvement|unchanged|inconclusive)$/ {
            judged++
            if ($col["verdict"] == "regression") flagged++
            if ($col["verdict"] == "improvement") improved++
            if ($col["mde"] != "" && $col["mde"] <= limit + 1e-12) seen++
        }
        END { printf "%d %d %d %d\n", flagged, improved, judged, seen }' "$1"
}
# The median MDE (as "+78%") of the non-rendezvous configurations in a compare CSV.
median_mde() {
    awk -F, '/^#/ { next } !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; next }
        $col["capacity"] != "0" && $col["mde"] != "" { print $col["mde"] }' "$1" | sort -g \
        | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else printf "+%.0f%%", 100 * (v[int((NR + 1) / 2)] - 1) }'
}
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.0f%%", 100 * a / b }'; }

{
    echo "Sensitivity of compare on this machine: $ROUNDS rounds of A B (suite '$SUITE', --forks 1 each), one build ($BUILD)"
    echo "$(grep -m1 '^# cpu_model' "$DIR/a-1.csv" | cut -c3-); $(grep -m1 '^# cores' "$DIR/a-1.csv" | cut -c3-)"
    echo "load average (1, 5, 15 min) at start: $LOAD_START; at end: $LOAD_END (other jobs on the machine move these figures)"
    echo "threshold $THRESHOLD; injected slowdown x$SLOWDOWN by scaling B's measured figures"
    if (( ROUNDS < 8 )); then
        # Below 8 processes a side the Holm-corrected rank test cannot reach significance over a suite.
        echo "note: ROUNDS=$ROUNDS < 8: verdicts rest on the interval alone, so false alarms are expected (make compare gates with 8)"
    fi
    for metric in ns_per_msg cpu_ns_per_msg; do
        compare "$metric" "$DIR/B.csv" "$DIR/aa-$metric.csv"
        compare "$metric" "$DIR/B-injected.csv" "$DIR/injected-$metric.csv"
        read -r aa_r aa_i n aa_seen < <(tally "$DIR/aa-$metric.csv" 0)
        read -r in_r _ _ _ < <(tally "$DIR/injected-$metric.csv" 0)
        read -r rz_aa _ rz_n _ < <(tally "$DIR/aa-$metric.csv" 1)
        read -r rz_in _ _ _ < <(tally "$DIR/injected-$metric.csv" 1)
        echo
        echo "metric $metric, $n non-rendezvous configurations:"
        echo "  A/A false alarms:       $aa_r regression(s) ($(pct "$aa_r" "$n")), $aa_i improvement(s)"
        echo "  injected x$SLOWDOWN flagged:  $in_r ($(pct "$in_r" "$n"))"
        echo "  compare's own estimate: $aa_seen ($(pct "$aa_seen" "$n")) had a minimum detectable effect <= x$SLOWDOWN in the A/A comparison (median MDE $(median_mde "$DIR/aa-$metric.csv"))"
        echo "  rendezvous (apart):     $rz_aa of $rz_n false alarms, $rz_in of $rz_n injected flagged"
    done
} | tee "$DIR/summary.txt"
say "summary: $DIR/summary.txt"
