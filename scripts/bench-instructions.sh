#!/usr/bin/env bash
# Deterministic cost per message: instructions counted by valgrind's callgrind.
#
#   make bench-instructions [INSTR_IMPLS=null,condvar,dispatch,ring] [INSTR_WORKLOADS=seq,try-pingpong]
#   scripts/bench-instructions.sh [--self-check] [OUTPUT.csv]
#
# Each configuration runs twice in a fresh process under callgrind, with N1 and N2 messages
# (one repetition, no warmup). Only the worker threads' roles are counted (callgrind
# --toggle-collect on the engine's InstructionCountedRegion), so the monitor, the watchdog and
# start-up stay out; the subtraction (I(N2) - I(N1)) / (N2 - N1) cancels what is left that does
# not grow with the messages (thread start, first touches). The workloads are the
# single-threaded ones (seq, try-pingpong), so nothing depends on scheduling: the same binary
# gives the same count whatever else the machine is doing. Callgrind runs ~50x slower than
# native, which does not matter to a count.
#
# Output: a bench CSV (the N2 runs' rows and metadata, as chanbench wrote them) with one more
# column, instructions_per_msg; compare gates on it exactly (default threshold 1 %):
#   chanbench compare --metric instructions_per_msg base.csv new.csv
# Default OUTPUT: results/instructions-<UTC>.csv (and results/instructions-latest.csv).
#
# --self-check (CI): the same binary measured twice must give the same counts (compare exit 0,
# every configuration unchanged, figures at most 0.01 % apart), and a 1 % slowdown of seq injected with the test-only
# CHANBENCH_INJECT_WORK knob must be flagged in every configuration (compare exit 2).
#
# Environment: CHANBENCH=<binary> (default .build/release/chanbench), INSTR_IMPLS, INSTR_WORKLOADS,
#   INSTR_MODES=throughput (comma list; latency adds clock reads, whose vDSO path is counted too),
#   INSTR_N1=20000, INSTR_N2=100000, INSTR_SIZE=8 (message bytes).
# Exit: 0; 1 bad input, a failed run or a failed self-check.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${CHANBENCH:-.build/release/chanbench}"
IMPLS="${INSTR_IMPLS:-null,condvar,dispatch,ring}"
WORKLOADS="${INSTR_WORKLOADS:-seq,try-pingpong}"
MODES="${INSTR_MODES:-throughput}"
N1="${INSTR_N1:-20000}"
N2="${INSTR_N2:-100000}"
SIZE="${INSTR_SIZE:-8}"
die() { echo "bench-instructions: error: $*" >&2; exit 1; }
say() { echo "bench-instructions: $*" >&2; }

SELF_CHECK=0
if [[ "${1:-}" == "--self-check" ]]; then SELF_CHECK=1; shift; fi
(( $# <= 1 )) || die "usage: scripts/bench-instructions.sh [--self-check] [OUTPUT.csv]"
[[ "$N1" =~ ^[0-9]+$ && "$N2" =~ ^[0-9]+$ ]] && (( N1 >= 1 && N2 > N1 )) \
    || die "INSTR_N1 and INSTR_N2 must be integers with 1 <= N1 < N2, got '$N1' and '$N2'"
[[ -x "$BIN" ]] || die "$BIN missing: run 'make release' first"
command -v valgrind >/dev/null 2>&1 || die "valgrind missing: run 'make deps' (scripts/install-deps.sh)"

command -v strip >/dev/null 2>&1 || die "strip (binutils) missing"

# chanbench under valgrind may fail to ask git (its child runs under valgrind too): the script does.
COMMIT="$(git rev-parse HEAD 2>/dev/null || true)"
[[ -z "$COMMIT" ]] || git diff --quiet HEAD -- 2>/dev/null || COMMIT="$COMMIT+dirty"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# valgrind's debug-info reader gives up on the Swift binary's DWARF ("possibly corrupted"):
# count a copy without it (the symbol table, which --toggle-collect needs, stays).
cp "$BIN" "$WORK/chanbench" && strip --strip-debug "$WORK/chanbench" || die "cannot copy and strip $BIN"

# Instructions counted in the worker roles of one `chanbench run` of one configuration.
# Prints the count; the run's CSV goes to $6.
count_run() {
    local impl="$1" workload="$2" mode="$3" messages="$4" capacity="$5" csv="$6"
    local out="$WORK/callgrind.out" status=0
    rm -f "$out"
    timeout -k 10 900 valgrind --tool=callgrind --callgrind-out-file="$out" \
        --toggle-collect='*InstructionCountedRegion*workerRole*' \
        "$WORK/chanbench" run --impl "$impl" --workload "$workload" --mode "$mode" --capacity "$capacity" \
        --message-size "$SIZE" --messages "$messages" --repetitions 1 --warmup 0 --quiet --output "$csv" \
        >"$WORK/run.log" 2>&1 || status=$?
    if (( status != 0 )) || [[ ! -s "$out" ]]; then
        cat "$WORK/run.log" >&2
        die "$impl $workload $mode messages=$messages failed under callgrind (exit $status)"
    fi
    # The `summary:` (or `totals:`) line: the first event is Ir, instructions executed.
    awk '/^(summary|totals):/ { print $2; found = 1; exit } END { if (!found) exit 1 }' "$out" \
        || die "no instruction total in callgrind's output for $impl $workload"
}

# Measures every configuration into the bench CSV $1 (instructions_per_msg appended).
measure() {
    local output="$1" rows=0 first=1 body="$WORK/rows.csv" header="$WORK/header.csv"
    : >"$body"
    local impl workload mode capacity i1 i2 per
    for impl in ${IMPLS//,/ }; do
        for workload in ${WORKLOADS//,/ }; do
            for mode in ${MODES//,/ }; do
                # seq needs room for every message; try-pingpong never holds more than one.
                capacity=1
                [[ "$workload" == seq ]] && capacity="$N2"
                i1="$(count_run "$impl" "$workload" "$mode" "$N1" "$capacity" "$WORK/n1.csv")"
                i2="$(count_run "$impl" "$workload" "$mode" "$N2" "$capacity" "$WORK/n2.csv")"
                per="$(awk -v a="$i1" -v b="$i2" -v n1="$N1" -v n2="$N2" 'BEGIN { printf "%.2f", (b - a) / (n2 - n1) }')"
                say "$impl $workload $mode: $per instructions/msg ($i1 at $N1, $i2 at $N2 messages)"
                grep -q '^# status: complete' "$WORK/n2.csv" || die "$impl $workload $mode: the run's CSV is incomplete"
                if (( first )); then
                    # The first run's metadata, with what this script did instead of its one command.
                    awk -v commit="$COMMIT" -v params="impl=$IMPLS workload=$WORKLOADS mode=$MODES messages=$N1,$N2 message_size=$SIZE" '
                        /^# command:/ { print "# command: scripts/bench-instructions.sh (one chanbench run per configuration and message count, each under valgrind --tool=callgrind)"; next }
                        /^# parameters:/ { print "# parameters: " params; next }
                        /^# git_commit: unknown/ && commit != "" { print "# git_commit: " commit; next }
                        /^#/ { print; next }
                        { exit }' "$WORK/n2.csv" >"$header"
                    echo "# instructions: callgrind Ir of the worker roles, (I(N2) - I(N1)) / (N2 - N1); $(valgrind --version)" >>"$header"
                    grep -v '^#' "$WORK/n2.csv" | head -1 | sed 's/$/,instructions_per_msg/' >>"$header"
                    first=0
                fi
                grep -v '^#' "$WORK/n2.csv" | tail -n +2 | sed "s/\$/,$per/" >>"$body"
                rows=$((rows + $(grep -v '^#' "$WORK/n2.csv" | tail -n +2 | grep -c .)))
            done
        done
    done
    (( rows > 0 )) || die "nothing measured (INSTR_IMPLS='$IMPLS' INSTR_WORKLOADS='$WORKLOADS')"
    local tmp="$output.tmp.$$"
    { cat "$header" "$body"; echo "# status: complete rows=$rows"; } >"$tmp" || die "cannot write $tmp"
    mv "$tmp" "$output" || die "cannot write $output"
}

# impl, workload, mode and instructions_per_msg of every row of bench CSV $1, by column name.
table() {
    grep -v '^#' "$1" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        { printf "%-10s %-13s %-10s %s\n", $col["impl"], $col["workload"], $col["mode"], $col["instructions_per_msg"] }'
}

if (( SELF_CHECK )); then
    # The injected work: loop iterations per message making seq on ring at least 1 % dearer.
    INJECT="${INSTR_INJECT:-1}"  # one turn: +8 instructions a message, +1.2 % on condvar seq, +3.9 % on ring
    IMPLS="${INSTR_IMPLS:-ring,condvar}" WORKLOADS=seq MODES=throughput
    # Fewer messages than a measurement: counts are exact at any size, and CI pays ~50x per message.
    N1="${INSTR_N1:-10000}" N2="${INSTR_N2:-40000}"
    say "self-check: A/A (same binary twice) and an injected slowdown ($INJECT loop iterations per message) on $IMPLS seq"
    measure "$WORK/a.csv"
    measure "$WORK/b.csv"
    CHANBENCH_INJECT_WORK="$INJECT" measure "$WORK/slow.csv"
    status=0
    "$BIN" compare --metric instructions_per_msg "$WORK/a.csv" "$WORK/b.csv" >"$WORK/aa.txt" 2>&1 || status=$?
    cat "$WORK/aa.txt" >&2
    (( status == 0 )) || die "self-check: A/A compare exited $status (expected 0: identical counts)"
    # Lock-based flavors may differ in the last digit (most likely: the run's monitor thread reads the
    # channel's count under its lock, and now and then the worker finds the lock taken). Allowed:
    # 0.01 % (a hundredth of the 1 % gate); anything more is not a deterministic count.
    paste -d' ' <(table "$WORK/a.csv") <(table "$WORK/b.csv") | awk '
        { d = $4 - $8; if (d < 0) d = -d; if ($1 != $5 || $2 != $6 || d > $4 * 1e-4) { print "differs: " $0; bad = 1 } }
        END { exit bad }' >&2 \
        || die "self-check: the same binary gave instruction counts more than 0.01 % apart"
    status=0
    "$BIN" compare --metric instructions_per_msg "$WORK/a.csv" "$WORK/slow.csv" >"$WORK/slow.txt" 2>&1 || status=$?
    cat "$WORK/slow.txt" >&2
    (( status == 2 )) || die "self-check: the injected slowdown was not flagged (compare exit $status, expected 2)"
    # The text report's verdict column: one REGRESSION line per configuration measured.
    flagged="$(grep -c '^REGRESSION ' "$WORK/slow.txt" || true)"
    configurations="$(table "$WORK/a.csv" | grep -c .)"
    (( flagged == configurations )) \
        || die "self-check: $((configurations - flagged)) of $configurations configuration(s) not flagged with the injected slowdown"
    say "self-check passed: A/A unchanged (within 0.01 %), injected slowdown flagged in every configuration"
    exit 0
fi

OUTPUT="${1:-}"
if [[ -z "$OUTPUT" ]]; then
    mkdir -p results
    OUTPUT="results/instructions-$(date -u +%Y%m%dT%H%M%SZ).csv"
    measure "$OUTPUT"
    cp "$OUTPUT" results/instructions-latest.csv.tmp.$$ && mv results/instructions-latest.csv.tmp.$$ results/instructions-latest.csv \
        || die "cannot write results/instructions-latest.csv"
else
    measure "$OUTPUT"
fi
say "wrote $OUTPUT"
table "$OUTPUT"
