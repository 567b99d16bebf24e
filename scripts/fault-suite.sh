#!/usr/bin/env bash
# Fault suite (`make faults`, CI): drives the release binary into the faults a user met and
# asserts what it must do instead — a full disk is an error that says how many rows were kept,
# concurrent runs leave only well-formed files, every CSV ends with its status trailer, SIGINT /
# SIGTERM keep the rows and exit 130 / 143, no child outlives its parent (SIGKILL included),
# every timeout fires, nonsense input is one `error:` line, and compare streams a 311k-row file.
#
#   bash scripts/fault-suite.sh            (CHANBENCH=path/to/chanbench to test another binary)
#
# One line per case (`PASS name`, `FAIL name: why`, `SKIP name: why`), then `N passed, M failed`;
# exit 1 if any case failed. The disk-full cases mount a 16 KiB tmpfs and need root (skipped
# otherwise). About 2 minutes on 2 cores.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${CHANBENCH:-.build/release/chanbench}")
[[ -x "$BIN" ]] || { echo "fault-suite: no binary at $BIN (make release first)" >&2; exit 1; }
ROOT=$PWD
WORK=$(mktemp -d "${TMPDIR:-/tmp}/chanbench-faults.XXXXXX")
MNT="$WORK/full"
started=()
cleanup() {
    for p in "${started[@]}"; do kill -KILL "$p" 2>/dev/null; done
    mountpoint -q "$MNT" 2>/dev/null && umount "$MNT"
    rm -rf "$WORK"
}
trap cleanup EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
skip() { echo "SKIP $1: $2"; }
# check NAME CONDITION-COMMAND... WHY: one case, one line.
check() { local name=$1 why=$2; shift 2; if "$@"; then pass "$name"; else fail "$name" "$why"; fi; }

# A small, fast matrix (null channel: the harness alone).
FAST=(--impl null --workload spsc --capacity 16 --messages 2000 --warmup 0 --quiet)
# A matrix slow enough to be interrupted: ~0.3 s per repetition.
SLOW=(--impl condvar --workload spsc --capacity 16 --messages 200000 --warmup 0 --quiet)
# Forks that last about a second each (rendezvous hand-offs), with their progress lines.
FORKS=(--impl condvar --workload spsc --capacity 0 --messages 200000 --warmup 0 --repetitions 2 --forks 4)

# well_formed FILE [complete|interrupted|any]: one header, every row as wide as it, the file ends
# with a newline, and (unless `any`) a trailer of that kind whose count matches the rows.
well_formed() {
    local want=${2:-complete}
    [[ -s "$1" && "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" == '\n' ]] || return 1
    awk -F, -v want="$want" '
        /^# status:/ { st = $0; next }
        /^#/ { next }
        !h { h = $0; n = NF; next }
        $0 == h { bad = 1 }
        NF != n { bad = 1 }
        { rows++; st = "" }
        END {
            if (bad || !h) exit 1
            if (want == "any") exit 0
            split(st, p, "rows=")
            exit !(st ~ ("^# status: " want " rows=") && p[2] + 0 == rows + 0)
        }' "$1"
}
rows_of() { awk '!/^#/ && NF' "$1" | tail -n +2 | wc -l; }
# Live (not zombie) processes that a given parent pid started as chanbench children.
children_of() {
    local parent=$1 p
    for p in /proc/[0-9]*; do
        if { tr '\0' '\n' < "$p/environ"; } 2>/dev/null | grep -qx "CHANBENCH_PARENT_PID=$parent"; then
            [[ "$(awk '{ print $3 }' "$p/stat" 2>/dev/null)" == Z ]] || echo "${p#/proc/}"
        fi
    done
}
no_children_of() { local i; for i in 1 2 3 4 5 6 7 8 9 10; do [[ -z "$(children_of "$1")" ]] && return 0; sleep 0.3; done; return 1; }
# wait_for FILE PATTERN SECONDS: until the file (stderr of a background job) shows the pattern.
wait_for() { local i; for ((i = 0; i < $3 * 10; i++)); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# ------------------------------------------------------------------------ disk full: /dev/full
cd "$WORK"
"$BIN" run "${FAST[@]}" --repetitions 3 --output /dev/full >/dev/null 2>err; rc=$?
check "run --output /dev/full fails and says what was kept" "exit $rc: $(head -c 200 err)" \
    grep -q '^error: writing /dev/full: No space left on device (kept 0 complete rows)$' err
check "run --output /dev/full exits non-zero" "exit $rc" test $rc -ne 0
"$BIN" compare --format csv "$ROOT/results/baseline.csv" "$ROOT/results/baseline.csv" >/dev/full 2>err; rc=$?
check "compare --format csv to /dev/full fails" "exit $rc: $(head -c 200 err)" \
    bash -c "[[ $rc -eq 1 ]] && grep -q 'error: writing standard output: No space left on device' err"

# ------------------------------------------------------------------ disk full: a 16 KiB tmpfs
mkdir -p "$MNT"
if [[ $(id -u) -eq 0 ]] && mount -t tmpfs -o size=16k tmpfs "$MNT" 2>/dev/null; then
    cd "$MNT"
    # Leave one 4 KiB page: the run's file outgrows it.
    head -c 12000 /dev/zero > filler
    "$BIN" run "${FAST[@]}" --repetitions 40 >/dev/null 2>"$WORK/err"; rc=$?
    ok=1; for f in results/*.csv; do [[ -e $f ]] || continue; well_formed "$f" any || ok=0; done
    check "run on a full tmpfs fails with the reason" "exit $rc: $(head -c 200 "$WORK/err")" \
        bash -c "[[ $rc -ne 0 ]] && grep -q '^error: writing .*: No space left on device (kept [0-9]* complete rows)' '$WORK/err'"
    check "run on a full tmpfs leaves no row cut in half" "a file ends mid-row" test $ok -eq 1
    check "run on a full tmpfs claims no success" "$(grep wrote "$WORK/err")" bash -c "! grep -q '^wrote' '$WORK/err'"
    check "no temporary file is left on the full tmpfs" "$(ls -A results)" bash -c "! ls -A results | grep -q '\.tmp$'"
    rm -rf "$MNT"/*
    # Leave one 4 KiB page: the run's sample file or the summary cannot both fit.
    head -c 12000 /dev/zero > "$MNT/filler"
    "$BIN" memory --impl condvar --capacity 1024 --messages 20000 --output-dir "$MNT/mem" >"$WORK/out" 2>"$WORK/err"; rc=$?
    check "memory on a full tmpfs: error and non-zero exit" "exit $rc: $(head -c 300 "$WORK/err")" \
        bash -c "[[ $rc -ne 0 ]] && grep -q '^error: writing' '$WORK/err'"
    check "memory on a full tmpfs never says ok yes" "$(cat "$WORK/out")" bash -c "! grep -q ' yes$' '$WORK/out'"
    cd "$WORK"; umount "$MNT"
else
    skip "disk full on a 16 KiB tmpfs" "needs root to mount a tmpfs"
fi

# ----------------------------------------------------------- four runs together in one folder
mkdir -p "$WORK/together/results" && cd "$WORK/together"
printf '# an earlier run\nimpl\nx\n# status: complete rows=1\n' > results/latest.csv
pids=()
for i in 1 2 3 4; do "$BIN" run "${FAST[@]}" --repetitions 20 >/dev/null 2>"err$i" & pids+=($!); done
rcs=0; for p in "${pids[@]}"; do wait "$p" || rcs=$((rcs + 1)); done
files=(results/2*.csv)
ok=1; for f in "${files[@]}" results/latest.csv; do well_formed "$f" complete || ok=0; done
check "four concurrent runs all succeed" "$rcs failed" test $rcs -eq 0
check "four concurrent runs write four distinct files" "${#files[@]} files" test ${#files[@]} -eq 4
check "four concurrent runs leave only well-formed files with complete trailers" "a file is malformed" test $ok -eq 1
check "latest.csv is one of the four runs, whole" "differs from every run file" \
    bash -c 'for f in results/2*.csv; do cmp -s "$f" results/latest.csv && exit 0; done; exit 1'
check "no temporary file is left after concurrent runs" "$(ls -A results)" bash -c "! ls -A results | grep -q '\.tmp$'"

# Memory runs of the same implementation and capacity started together name their per-run
# files apart (same second, same stem) instead of failing on each other's file.
mkdir -p "$WORK/together-memory" && cd "$WORK/together-memory"
mkdir -p shared
pids=()
for i in 1 2 3; do
    "$BIN" memory --impl condvar --capacity 1024 --messages 20000 --output-dir shared >/dev/null 2>"shared-err$i" &
    pids+=($!)
done
rcs=0; for p in "${pids[@]}"; do wait "$p" || rcs=$((rcs + 1)); done
runs=(shared/memory-condvar-1024-*.csv)
ok=1; for f in "${runs[@]}" shared/memory-summary.csv; do well_formed "$f" complete || ok=0; done
check "three memory runs into one folder all succeed" "$rcs failed: $(cat shared-err* | head -c 300)" test $rcs -eq 0
check "three memory runs into one folder write three per-run files" "${#runs[@]} files" test ${#runs[@]} -eq 3
check "three memory runs into one folder leave only well-formed files" "a file is malformed" test $ok -eq 1

# ------------------------------------------------------------------ SIGINT / SIGTERM to a run
mkdir -p "$WORK/sig/results" && cd "$WORK/sig"
printf '# the previous run\nimpl\nx\n# status: complete rows=1\n' > results/latest.csv
cp results/latest.csv previous.csv
"$BIN" run "${SLOW[@]}" --repetitions 100 >/dev/null 2>err & p=$!; started+=($p)
sleep 2  # past start-up: the handlers are installed before the first run
check "latest.csv is not replaced when a run starts" "it changed mid-run" cmp -s previous.csv results/latest.csv
kill -INT $p; wait $p; rc=$?
run_file=$(ls results/2*.csv 2>/dev/null | head -1)
check "SIGINT: exit 130" "exit $rc" test $rc -eq 130
check "SIGINT: says what was kept" "$(cat err)" grep -q '^interrupted: kept [0-9]* rows in results/' err
check "SIGINT: the file ends '# status: interrupted' with its rows" "$(tail -1 "$run_file")" well_formed "$run_file" interrupted
check "SIGINT: latest.csv replaced by the interrupted run" "not replaced" cmp -s "$run_file" results/latest.csv
"$BIN" run "${SLOW[@]}" --repetitions 100 --output term.csv >/dev/null 2>term.err & p=$!; started+=($p)
sleep 2; kill -TERM $p; wait $p; rc=$?
check "SIGTERM: exit 143" "exit $rc" test $rc -eq 143
check "SIGTERM: says what was kept" "$(cat term.err)" grep -q '^interrupted: kept [0-9]* rows in term.csv$' term.err
check "SIGTERM: the --output file is whole with an interrupted trailer" "$(tail -1 term.csv)" well_formed term.csv interrupted

# SIGKILL: nothing runs, so the file has no trailer and the latest.csv copy stays a hidden
# temporary file; the next run in the folder removes it.
mkdir -p "$WORK/killed" && cd "$WORK/killed"
"$BIN" run "${SLOW[@]}" --repetitions 100 >/dev/null 2>/dev/null & p=$!; started+=($p)
sleep 2; kill -KILL $p; wait $p 2>/dev/null
killed_file=$(ls results/2*.csv | head -1)
check "SIGKILL: the file has no trailer, so readers see it is partial" "$(tail -1 "$killed_file")" \
    eval 'well_formed "$killed_file" any && ! grep -q "^# status:" "$killed_file"'
"$BIN" run "${FAST[@]}" --repetitions 1 >/dev/null 2>&1
check "SIGKILL: the next run removes the killed run's temporary file" "$(ls -A results)" \
    bash -c "! ls -A results | grep -q '\.tmp$'"
cd "$WORK/sig"

# --------------------------------------------------------------------------- signals to --forks
for sig in INT TERM; do
    # Its own stderr file: the background shell may not have truncated a shared one yet.
    "$BIN" run "${FORKS[@]}" --output "forks-$sig.csv" >/dev/null 2>"forks-$sig.err" & p=$!; started+=($p)
    wait_for "forks-$sig.err" 'fork 2/4: done' 60
    kill -$sig $p; wait $p; rc=$?
    want=$([[ $sig == INT ]] && echo 130 || echo 143)
    scratch=$(ls -d "${TMPDIR:-/tmp}/chanbench-forks-$p-"* 2>/dev/null)
    check "SIG$sig to run --forks: exit $want" "exit $rc" test $rc -eq $want
    check "SIG$sig to run --forks: finished forks' rows kept" "$(rows_of "forks-$sig.csv") rows" \
        bash -c "[[ \$(awk '!/^#/ && NF' forks-$sig.csv | tail -n +2 | wc -l) -ge 4 ]]"
    check "SIG$sig to run --forks: says what was kept" "$(tail -2 "forks-$sig.err")" \
        grep -q '^interrupted: kept [0-9]* rows in forks-' "forks-$sig.err"
    check "SIG$sig to run --forks: trailer says interrupted" "$(tail -1 "forks-$sig.csv")" well_formed "forks-$sig.csv" interrupted
    check "SIG$sig to run --forks: scratch folder removed" "left: $scratch" test -z "$scratch"
    check "SIG$sig to run --forks: no child left" "children: $(children_of $p)" no_children_of $p
done
"$BIN" run "${FORKS[@]}" --output forks-kill.csv >/dev/null 2>forks-kill.err & p=$!; started+=($p)
wait_for forks-kill.err 'fork 1/4: starting' 30; sleep 0.5
had=$(children_of $p)
kill -KILL $p; wait $p 2>/dev/null
check "SIGKILL to run --forks: the fork dies with it" "had '$had', left: $(children_of $p)" \
    eval '[[ -n $had ]] && no_children_of $p'
rm -rf "${TMPDIR:-/tmp}/chanbench-forks-$p-"*  # SIGKILL leaves its scratch folder: nothing can run

# ------------------------------------------------------------------------ signals to memory
for sig in INT TERM KILL; do
    mkdir -p "$WORK/mem-$sig" && cd "$WORK/mem-$sig"
    "$BIN" memory --impl condvar --capacity unbounded --messages 5000000 --consumer-delay-us 2 --output-dir . >/dev/null 2>err & p=$!; started+=($p)
    wait_for err 'memory condvar' 10; sleep 1  # a fresh folder each time: no stale err
    had=$(children_of $p)
    kill -$sig $p; wait $p 2>/dev/null; rc=$?
    check "SIG$sig to memory: the child dies with it" "had '$had', left: $(children_of $p)" \
        eval '[[ -n $had ]] && no_children_of $p'
    if [[ $sig != KILL ]]; then
        want=$([[ $sig == INT ]] && echo 130 || echo 143)
        check "SIG$sig to memory: exit $want and an interrupted summary" "exit $rc; $(tail -1 memory-summary.csv 2>&1)" \
            bash -c "[[ $rc -eq $want ]] && tail -1 memory-summary.csv | grep -q '^# status: interrupted rows=0$'"
    fi
done

# ----------------------------------------------------------------------------------- timeouts
mkdir -p "$WORK/timeout" && cd "$WORK/timeout"
SECONDS=0
timeout 60 "$BIN" memory --impl condvar --capacity unbounded --messages 5000000 --consumer-delay-us 5 --run-timeout 1 \
    --output-dir . >/dev/null 2>err & p=$!; started+=($p)
wait $p; rc=$?
took=$SECONDS
check "memory --run-timeout fires" "exit $rc after ${took} s: $(tail -2 err)" \
    bash -c "[[ $rc -eq 3 ]] && grep -q 'timed out after 1.0 s; stopped' err"
"$BIN" run --impl condvar --workload mpmc --producers 4 --consumers 4 --capacity 0 --messages 4000000 --repetitions 1 --warmup 0 --mode throughput \
    --run-timeout 0.2 --quiet --output t.csv >/dev/null 2>err; rc=$?
check "run --run-timeout fires: exit 3, the row says timed out" "exit $rc: $(grep FAILED err | head -1)" \
    bash -c "[[ $rc -eq 3 ]] && grep -q 'timed out' t.csv && grep -q '^# status: complete rows=1$' t.csv"

# ----------------------------------------------------------------------- capacities and input
# bad NAME PATTERN ARGS...: exit 1, exactly one line on stderr, `error:` and the pattern in it.
bad() {
    local name=$1 pattern=$2; shift 2
    timeout 20 "$BIN" "$@" >/dev/null 2>"$WORK/bad.err"; local rc=$?
    if [[ $rc -eq 1 && $(wc -l < "$WORK/bad.err") -eq 1 ]] && grep -Eq "error: .*$pattern" "$WORK/bad.err"; then
        pass "$name"
    else
        fail "$name" "exit $rc: $(head -c 300 "$WORK/bad.err")"
    fi
}
bad "ring --capacity 2^40 is refused up front, naming the limit" "largest bounded capacity .* 67108864" \
    run --impl ring --capacity 1099511627776 --run-timeout 3
bad "ring --capacity 2^62 is refused, no crash" "largest bounded capacity" run --impl ring --capacity 4611686018427387904
bad "memory --capacity 2^40 is refused" "largest bounded capacity" memory --impl ring --capacity 1099511627776
bad "a repeated option is refused" "--impl given more than once" run --impl condvar --impl ring
bad "--run-timeout 0 names seconds, not an integer" "must be a positive number of seconds" run --run-timeout 0
bad "--message-size 0 names the 8-byte minimum" "at least 8 bytes \(got 0\)" run --message-size 0
bad "--message-size 1 names the same minimum" "at least 8 bytes \(got 1\)" run --message-size 1
bad "verify --impl null says it is not verifiable" "'null' is not verifiable" verify --impl null
bad "verify --check '' is refused" "--check needs at least one check" verify --check ""
timeout 60 "$BIN" verify --impl asyncstream --check rendezvous >/dev/null 2>err; rc=$?
check "verify that checked nothing exits non-zero" "exit $rc" bash -c "[[ $rc -ne 0 ]] && grep -q 'nothing was checked' err"
# 1001 messages within one 5 s sampling interval: fewer than 3 samples however loaded the machine.
"$BIN" memory --impl condvar --capacity 1024 --messages 1001 --interval-ms 5000 --output-dir . >out 2>err; rc=$?
check "memory shorter than a few samples is flagged, not ok" "exit $rc: $(tail -1 out)" \
    bash -c "[[ $rc -ne 0 ]] && ! grep -q ' yes$' out && grep -q 'too short to measure' err"

# -------------------------------------------------------------------------------------- compare
mkdir -p "$WORK/cmp" && cd "$WORK/cmp"
"$BIN" run "${FAST[@]}" --repetitions 3 --output plain.csv >/dev/null 2>&1
"$BIN" run "${FAST[@]}" --repetitions 3 --rate 200000 --output paced.csv >/dev/null 2>&1
cat plain.csv paced.csv > both.csv
"$BIN" compare plain.csv both.csv >out 2>err; rc=$?
check "compare keeps paced and unpaced runs apart" "exit $rc: $(grep -i regression out | head -1)" \
    bash -c "[[ $rc -eq 0 ]] && ! grep -q REGRESSION out && grep -q 'rate=200000' out"
awk -F, -v OFS=, '/^#/ { print; next } !h { for (i = 1; i <= NF; i++) if ($i == "ns_per_msg") c = i; h = 1; print; next } { $c = ""; print }' plain.csv > empty-ns.csv
bad "compare: a verified row without ns_per_msg is an error" "verified row has no ns_per_msg" compare plain.csv empty-ns.csv
awk -F, -v OFS=, '/^#/ { print; next } !h { for (i = 1; i <= NF; i++) if ($i == "ns_per_msg") c = i; h = 1; print; next } { $c = "0"; print }' plain.csv > zero-ns.csv
bad "compare: ns_per_msg = 0 is an error, not an improvement" "ns_per_msg = 0" compare plain.csv zero-ns.csv
grep -v '^# status:' plain.csv > cut.csv
bad "compare refuses a file without its trailer" "no '# status: complete' trailer.*--accept-partial" compare plain.csv cut.csv
sed 's/^# status: complete/# status: interrupted/' plain.csv > interrupted.csv
bad "compare refuses an interrupted file" "interrupted.*--accept-partial" compare plain.csv interrupted.csv
"$BIN" compare --accept-partial plain.csv interrupted.csv >/dev/null 2>&1
check "compare --accept-partial takes it" "exit $?" test $? -eq 0
if command -v gnuplot >/dev/null; then
    "$BIN" report --bench cut.csv --out plots --scripts "$ROOT/plots" >out 2>&1; rc=$?
    check "plots refuse a file without its trailer, in one line" "exit $rc: $(cat out)" \
        bash -c "[[ $rc -ne 0 && \$(wc -l < out) -eq 1 ]] && grep -q 'accept-partial' out"
else
    skip "plots refuse a partial file" "gnuplot not installed"
fi
"$BIN" report --bench interrupted.csv --out report --scripts "$ROOT/plots" >out 2>&1; rc=$?
check "the report refuses an interrupted file, in one line" "exit $rc: $(cat out)" \
    bash -c "[[ $rc -ne 0 && \$(wc -l < out) -eq 1 ]] && grep -q 'interrupted.*accept-partial' out"
# A 311k-row file (50 MB): rows of the committed baseline repeated.
awk -v n=311000 '/^# status:/ { next } /^#/ { print; next } !h { h = 1; print; next } { r[++k] = $0 }
                 END { for (i = 0; i < n; i++) print r[i % k + 1]; print "# status: complete rows=" n }' \
    "$ROOT/results/baseline.csv" > big.csv
SECONDS=0
/usr/bin/time -f '%e s %M KiB' -o time.txt "$BIN" compare --format csv big.csv big.csv >out 2>err; rc=$?
check "compare streams a 311k-row file with progress ($(cat time.txt))" "exit $rc in ${SECONDS} s" \
    bash -c "[[ $rc -eq 0 && $SECONDS -lt 60 ]] && grep -q 'reading big.csv: 100 %' err && \
             [[ \$(awk '{ print \$3 }' time.txt) -lt 150000 ]]"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
