#!/usr/bin/env bash
# Same-run A/B benchmark against a git ref:  make compare BASE=<git-ref>
#                                     or:  bash scripts/compare-ab.sh <git-ref>
#
# Why this exists: a stored baseline was measured on another day, under another load; on a shared
# 2-core machine that difference alone can exceed any threshold. Here the base revision and the
# current tree run in the same job, alternately (A B A B ...), so drift in machine load hits both
# sides alike, and `chanbench compare` sees every repetition of every round.
#
# Steps: resolve BASE to a commit; check it out in its own git worktree under .build-base/ and
# build it in release in its own scratch folder (.build-base/build, kept for incremental rebuilds);
# build the current tree in release (.build/); run ROUNDS rounds of `chanbench run --suite SUITE`,
# base then current, each into its own CSV; join each side's CSVs into one; compare. The worktree
# is removed on exit, whatever happens.
#
# One round = one fresh process per side (`--forks 1`: the interleaving itself provides the
# processes, A B A B, so drift hits both sides alike), and every run after the first measures
# the message counts the first base run chose (`--sizes-from`), so both sides do the same work.
# compare takes one sample per round and corrects for the ~100 configurations judged (Holm):
# 8 rounds (8 vs 8 processes) let its rank test reach p = 1.6e-4, enough to survive that.
# A base revision older than these options runs as it did (its own suite settings).
#
# Environment:
#   ROUNDS=8          rounds (each round = one base process + one current process)
#   AB_SUITE=quick    suite passed to `chanbench run --suite` (not SUITE: the Makefile uses that)
#   RUN_ARGS=         extra arguments for `chanbench run` (e.g. "--impl ring,condvar")
#   COMPARE_ARGS=     extra arguments for `chanbench compare` (e.g. "--metric lat_p99_ns")
#   GITHUB_STEP_SUMMARY  if set, a markdown report is appended to it as well
#
# Output: results/ab-<UTC timestamp>-base.csv and -new.csv (ignored by git); the report, per-run CSVs and logs in
# .build-base/runs/<timestamp>/. Exit code: that of `chanbench compare` (0 no regression,
# 2 regression or failed rows, 1 bad input); 1 for a bad BASE or a build/run that produced nothing.
set -euo pipefail

die() { echo "compare-ab: error: $*" >&2; exit 1; }
say() { echo "compare-ab: $*" >&2; }

BASE_REF="${1:-}"
ROUNDS="${ROUNDS:-8}"
SUITE="${AB_SUITE:-quick}"
read -r -a RUN_EXTRA <<<"${RUN_ARGS:-}"
read -r -a COMPARE_EXTRA <<<"${COMPARE_ARGS:-}"

[[ -n "$BASE_REF" ]] || die "no base given (usage: make compare BASE=<git-ref>, e.g. BASE=main~1)"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
if (( ROUNDS < 8 )); then
    # compare uses each run's median as one sample and Holm-corrects over ~100 configurations;
    # below 8 per side its rank test cannot reach that level and the interval alone decides,
    # which an A/A experiment here showed crying wolf.
    say "warning: ROUNDS=$ROUNDS < 8: verdicts will rest on the interval alone (use ROUNDS >= 8 to gate)"
fi

ROOT="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel 2>/dev/null)" \
    || die "not inside a git checkout (the base revision is checked out with git worktree)"
cd "$ROOT"

BASE_COMMIT="$(git rev-parse --verify --quiet "${BASE_REF}^{commit}")" \
    || die "BASE '$BASE_REF' is not a commit in this repository"
BASE_SHORT="$(git rev-parse --short "$BASE_COMMIT")"
HEAD_SHORT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
DIRTY=""
git diff --quiet HEAD -- 2>/dev/null || DIRTY="+dirty"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
BASE_DIR="$ROOT/.build-base"
WORKTREE="$BASE_DIR/worktree"   # a fixed path, so the scratch folder's build cache stays valid
SCRATCH="$BASE_DIR/build"
RUNS="$BASE_DIR/runs/$STAMP"
mkdir -p "$RUNS" results

cleanup() {
    if [[ -d "$WORKTREE" ]]; then
        git -C "$ROOT" worktree remove --force "$WORKTREE" >/dev/null 2>&1 || rm -rf "$WORKTREE"
    fi
    git -C "$ROOT" worktree prune >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup   # a worktree left by an interrupted earlier run

say "base $BASE_REF = $BASE_SHORT, current $HEAD_SHORT$DIRTY; $ROUNDS rounds of suite '$SUITE'"
git worktree add --detach --force "$WORKTREE" "$BASE_COMMIT" >"$RUNS/worktree.log" 2>&1 \
    || die "could not check out $BASE_REF in $WORKTREE (see $RUNS/worktree.log)"
# Same dependency versions on both sides, so the comparison measures our change only.
[[ -f Package.resolved ]] && cp Package.resolved "$WORKTREE/Package.resolved"

# Both sides with the flags `make release` uses, so figures match what `make bench` reports.
RELEASE_FLAGS=(-Xswiftc -cross-module-optimization)
say "building base ($BASE_SHORT) in release into .build-base/build (log: $RUNS/build-base.log)"
swift build -c release --product chanbench "${RELEASE_FLAGS[@]}" --package-path "$WORKTREE" --scratch-path "$SCRATCH" \
    >"$RUNS/build-base.log" 2>&1 \
    || die "base $BASE_REF ($BASE_SHORT) failed to build (see $RUNS/build-base.log)"
say "building current tree in release (log: $RUNS/build-new.log)"
swift build -c release --product chanbench "${RELEASE_FLAGS[@]}" >"$RUNS/build-new.log" 2>&1 \
    || die "current tree failed to build (see $RUNS/build-new.log)"

BASE_BIN="$SCRATCH/release/chanbench"
NEW_BIN="$ROOT/.build/release/chanbench"
for side in BASE_BIN NEW_BIN; do
    [[ -x "${!side}" ]] || die "${side%_BIN} binary missing after build: ${!side}"
done
"$BASE_BIN" run --help >/dev/null 2>&1 || die "base $BASE_REF ($BASE_SHORT) has no 'chanbench run' to benchmark with"
"$NEW_BIN" compare --help >/dev/null 2>&1 || die "current tree has no 'chanbench compare'"

# Per binary: run as one process per round, and reuse the first base run's message counts,
# when it knows how (older revisions do not).
# (grep on a captured string, not a pipe: `grep -q` exiting early would SIGPIPE the writer,
# and pipefail would turn that into "not supported")
supports() { local help; help="$("$1" run --help 2>/dev/null || true)"; grep -q -- "$2" <<<"$help"; }
BASE_FORKS=(); NEW_FORKS=(--forks 1)
supports "$BASE_BIN" "--forks" && BASE_FORKS=(--forks 1)
SIZES="$RUNS/base-1.csv"
sizes_for() {  # $1 = binary, $2 = round, $3 = side
    if [[ "$2" == 1 && "$3" == base ]]; then return; fi
    if [[ -s "$SIZES" ]] && supports "$1" "--sizes-from"; then echo "--sizes-from $SIZES"; fi
}

# One measured run into its own CSV. A non-zero exit (a failed oracle check writes
# verified=false rows) is kept: compare reports those rows as failed. No CSV at all is fatal.
run_side() {
    local side="$1" bin="$2" round="$3" dir="$4"
    local csv="$RUNS/$side-$round.csv" log="$RUNS/$side-$round.log" start status
    start=$SECONDS
    status=0
    # Run from the side's own checkout: the engine records `git rev-parse HEAD` of its working
    # directory as git_commit, and the base CSV must name the base commit.
    local extra=()
    if [[ "$side" == base ]]; then extra=("${BASE_FORKS[@]}"); else extra=("${NEW_FORKS[@]}"); fi
    read -r -a sizes <<<"$(sizes_for "$bin" "$round" "$side")"
    (cd "$dir" && "$bin" run --suite "$SUITE" --output "$csv" "${extra[@]}" "${sizes[@]}" "${RUN_EXTRA[@]}") \
        >"$log" 2>&1 || status=$?
    [[ -s "$csv" ]] || die "$side run $round wrote no CSV (exit $status; see $log)"
    local note=""
    [[ $status -eq 0 ]] || note=" (exit $status: see $log)"
    say "round $round/$ROUNDS $side done in $((SECONDS - start)) s$note"
}

for round in $(seq 1 "$ROUNDS"); do
    run_side base "$BASE_BIN" "$round" "$WORKTREE"
    run_side new "$NEW_BIN" "$round" "$ROOT"
done

# Join each side's runs into one CSV with an ab_round column (scripts/ab-join.sh says why).
# shellcheck source=scripts/ab-join.sh
source "$ROOT/scripts/ab-join.sh"
join_side() {
    local side="$1" commit="$2" out="$3" round csvs=()
    for round in $(seq 1 "$ROUNDS"); do csvs+=("$RUNS/$side-$round.csv"); done
    AB_JOIN_HEADER="$(printf '# ab_side: %s\n# ab_commit: %s\n# ab_base_ref: %s\n# ab_rounds: %s\n# ab_suite: %s' \
        "$side" "$commit" "$BASE_REF" "$ROUNDS" "$SUITE")" ab_join "$out" "${csvs[@]}"
}
BASE_CSV="results/ab-$STAMP-base.csv"
NEW_CSV="results/ab-$STAMP-new.csv"
join_side base "$BASE_SHORT" "$BASE_CSV"
join_side new "$HEAD_SHORT$DIRTY" "$NEW_CSV"

status=0
"$NEW_BIN" compare "${COMPARE_EXTRA[@]}" "$BASE_CSV" "$NEW_CSV" | tee "$RUNS/compare.txt" \
    || status=${PIPESTATUS[0]}
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    "$NEW_BIN" compare --format markdown "${COMPARE_EXTRA[@]}" "$BASE_CSV" "$NEW_CSV" \
        >>"$GITHUB_STEP_SUMMARY" 2>/dev/null || true
fi
say "report: $RUNS/compare.txt; CSVs: $BASE_CSV, $NEW_CSV (exit $status)"
exit "$status"
