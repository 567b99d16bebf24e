#!/usr/bin/env bash
# Before/after/CMO of what a dependent package gets, interleaved in one run:
#   before = Examples/DependentBench (this tree's copy) against the Channels sources of BASE,
#            plain `swift build -c release`
#   after  = the same against this working tree, plain `swift build -c release`
#   cmo    = BASE again, built with -Xswiftc -cross-module-optimization (the reference the
#            plain builds should approach)
# Usage: scripts/dependent-compare.sh [BASE (default d25b23c)]; env ROUNDS (3) rounds of the
# three binaries in turn, DEP_ARGS extra DependentBench arguments (e.g. "--only condvar").
# Prints a markdown table of the medians over rounds; raw rows in .build-dependent/compare.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-d25b23c}"
rounds="${ROUNDS:-3}"
work=.build-dependent
snap="$work/base"
# Kept between runs (its .build folders take minutes to make); started afresh for another BASE.
base_commit="$(git rev-parse "$base^{commit}")"
if [ "$(cat "$snap/.base-commit" 2>/dev/null)" != "$base_commit" ]; then rm -rf "$snap"; fi
mkdir -p "$snap"
echo "$base_commit" > "$snap/.base-commit"
# The base sources with today's DependentBench (it uses public API only, unchanged by BASE..HEAD).
# tar keeps the archive's timestamps, so an unchanged snapshot does not rebuild.
git archive "$base_commit" | tar -x -C "$snap"
rm -rf "$snap/Examples/DependentBench/Sources"
mkdir -p "$snap/Examples/DependentBench"
cp -rp Examples/DependentBench/Package.swift Examples/DependentBench/Sources "$snap/Examples/DependentBench/"

echo "[dependent] building after (this tree), before ($base) and cmo ($base, -cross-module-optimization)" >&2
swift build -c release --package-path Examples/DependentBench >&2
swift build -c release --package-path "$snap/Examples/DependentBench" >&2
swift build -c release --package-path "$snap/Examples/DependentBench" \
  --scratch-path "$snap/Examples/DependentBench/.build-cmo" -Xswiftc -cross-module-optimization >&2

declare -A bins=(
  [before]="$snap/Examples/DependentBench/.build/release/DependentBench"
  [after]="Examples/DependentBench/.build/release/DependentBench"
  [cmo]="$snap/Examples/DependentBench/.build-cmo/release/DependentBench"
)
out="$work/compare.tsv"
: > "$out"
for round in $(seq 1 "$rounds"); do
  for variant in before after cmo; do
    echo "[dependent] round $round/$rounds $variant (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    # shellcheck disable=SC2086
    "${bins[$variant]}" --tsv ${DEP_ARGS:-} | awk -v v="$variant" -v r="$round" -F'\t' -v OFS='\t' '{print v, r, $0}' >> "$out"
  done
done
python3 - "$out" <<'PY'
import statistics, sys
groups, order = {}, []
for line in open(sys.argv[1]):
    variant, _round, flavor, api, workload, ns, allocs = line.rstrip('\n').split('\t')
    key = (flavor, api, workload)
    if key not in groups:
        groups[key] = {}
        order.append(key)
    groups[key].setdefault(variant, []).append((float(ns), float(allocs)))
def med(g, v, i):
    return statistics.median(x[i] for x in g[v]) if v in g else None
print('| flavor | api | workload | before ns/msg | after ns/msg | cmo ns/msg | before ÷ cmo | after ÷ cmo | before allocs/msg | after allocs/msg | cmo allocs/msg |')
print('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|')
for key in order:
    g = groups[key]
    b, a, c = (med(g, v, 0) for v in ('before', 'after', 'cmo'))
    ba, aa, ca = (med(g, v, 1) for v in ('before', 'after', 'cmo'))
    f = lambda x: '–' if x is None else f'{x:.0f}'
    r = lambda x, y: '–' if x is None or not y else f'{x / y:.2f}×'
    al = lambda x: '–' if x is None else f'{x:.4f}'
    print(f'| {key[0]} | {key[1]} | {key[2]} | {f(b)} | {f(a)} | {f(c)} | {r(b, c)} | {r(a, c)} | {al(ba)} | {al(aa)} | {al(ca)} |')
PY
