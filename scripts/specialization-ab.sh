#!/usr/bin/env bash
# Before/after of the engine's specialized path for built-in flavors, interleaved in one run:
#   generic   = `chanbench run --generic-path` (registry: any BlockingChannel<...>, what every
#               user-registered channel gets; equals the engine before the change)
#   special   = `chanbench run` (concrete flavor types, specialized with -cross-module-optimization)
# optionally nocmo = a binary built without -cross-module-optimization (NOCMO_BIN) on the registry
# path: the engine as it was before this change.
# Usage: scripts/specialization-ab.sh [OUT.csv]; env CHANBENCH, NOCMO_BIN, AB_REPS (3), AB_IMPLS.
set -uo pipefail
cd "$(dirname "$0")/.."
bin="${CHANBENCH:-.build/release/chanbench}"
reps="${AB_REPS:-3}"
impls="${AB_IMPLS:-condvar,ring,dispatch}"
out="${1:-results/specialization-ab-$(date -u +%Y%m%dT%H%M%SZ).csv}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "variant,impl,workload,producers,consumers,capacity,repetition,ns_per_msg,cpu_user_s,verified" > "$out"
run() { # variant binary extra-flags... -- chanbench flags
  local variant="$1" b="$2"; shift 2
  "$b" run --impl "$impls" --quiet --repetitions 1 --warmup 0 --message-size 8 "$@" --output "$tmp/r.csv" >/dev/null || true
  awk -F, -v OFS=, -v v="$variant" -v rep="$rep" '/^#/ {next} !h {for (i=1;i<=NF;i++) c[$i]=i; h=1; next}
    {print v,$c["impl"],$c["workload"],$c["producers"],$c["consumers"],$c["capacity"],rep,$c["ns_per_msg"],$c["cpu_user_s"],$c["verified"]}' "$tmp/r.csv" >> "$out"
}
for rep in $(seq 1 "$reps"); do
  for shape in "--workload seq --capacity 1000000 --messages 1000000" "--workload spsc --capacity 1024 --messages 1000000"; do
    echo "[ab] rep $rep $shape (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    # shellcheck disable=SC2086
    run special "$bin" $shape
    # shellcheck disable=SC2086
    run generic "$bin" --generic-path $shape
    # shellcheck disable=SC2086
    if [ -n "${NOCMO_BIN:-}" ]; then run nocmo "$NOCMO_BIN" --generic-path $shape; fi
  done
done
echo "wrote $out" >&2
python3 - "$out" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
groups = {}
for r in rows:
    if r['verified'] != 'true': continue
    groups.setdefault((r['impl'], r['workload'], r['capacity']), {}).setdefault(r['variant'], []).append(float(r['ns_per_msg']))
variants = ['nocmo', 'generic', 'special']
print('| impl | workload | cap | ' + ' | '.join(v + ' ns/msg' for v in variants) + ' | generic ÷ special |')
print('|---|---|---|' + '---:|' * (len(variants) + 1))
for k, g in sorted(groups.items()):
    med = {v: statistics.median(g[v]) for v in variants if v in g}
    cells = [f"{med[v]:.0f}" if v in med else '–' for v in variants]
    ratio = f"{med['generic'] / med['special']:.2f}×" if 'generic' in med and 'special' in med else '–'
    print(f'| {k[0]} | {k[1]} | {k[2]} | ' + ' | '.join(cells) + f' | {ratio} |')
PY
