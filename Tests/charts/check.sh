#!/usr/bin/env bash
# Checks the chart and report pipeline against the synthetic fixtures (`make test-charts`):
#   - the awk layer: medians/min/max, verified=false rows dropped, columns found by header name,
#     deterministic colours for unknown implementations;
#   - plots/render.sh writes all seven charts (PNG + SVG, non-empty, real PNG) and one line each;
#   - a missing or malformed bench CSV gives exactly one line and a non-zero exit;
#   - optional inputs (memory, compare) absent = charts skipped with a note, exit 0;
#     malformed = one-line error each on stderr, the rest still drawn, exit 0;
#   - columns in another order plus an extra column give the same numbers;
#   - scripts/report.sh writes a report (Markdown + HTML) whose chart links resolve and that lists
#     the failed row.
# Needs bash, awk, gnuplot (with pngcairo and svg). Writes only to a temporary folder.
set -uo pipefail
cd "$(dirname "$0")/../.."
fx=Tests/Fixtures/charts
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chanbench-chartcheck.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0; checks=0
pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL: $*" >&2; }
expect() { local what=$1; shift; if "$@"; then pass; else fail "$what"; fi; }

command -v gnuplot >/dev/null || { echo "check: gnuplot not installed (apt-get install -y gnuplot-nox)" >&2; exit 1; }
gnuplot -e 'set terminal' 2>&1 | grep -q pngcairo || { echo "check: this gnuplot has no pngcairo terminal" >&2; exit 1; }

agg() { local f=$1; shift; local args=(); for a in "$@"; do args+=(-v "$a"); done
        awk -f plots/lib/csv.awk -f plots/lib/aggregate.awk -v palette=plots/palette.txt "${args[@]}" "$f"; }
render() { bash plots/render.sh "$@"; }

# ------------------------------------------------------------------------- awk aggregation layer
cat > "$tmp/tiny.csv" <<'EOF'
# git_commit: test
extra_first,impl,ns_per_msg,verified,capacity
x,ring,30,true,1
x,ring,10,true,1
x,ring,20,true,1
x,ring,999,false,1
x,condvar,5,true,unbounded
x,condvar,7,true,unbounded
x,"odd, name",1,true,0
EOF
out=$(agg "$tmp/tiny.csv" keys=impl,capacity values=ns_per_msg | grep -v '^#')
expect "median/min/max of odd count, verified=false dropped" grep -qx $'ring\t1\t3\t20\t10\t30' <<<"$out"
expect "median of even count is the mean of the middle two" grep -qx $'condvar\tunbounded\t2\t6\t5\t7' <<<"$out"
expect "quoted field with a comma is one field" grep -q $'^odd, name\t0\t1\t1\t1\t1$' <<<"$out"
expect "palette order: condvar before ring" test "$(cut -f1 <<<"$out" | head -1)" = condvar
out=$(agg "$tmp/tiny.csv" keys=impl values=ns_per_msg all_rows=1 where="impl=ring" | grep -v '^#')
expect "all_rows keeps failed rows; where filters" grep -qx $'ring\t4\t25\t10\t999' <<<"$out"
out=$(agg "$tmp/tiny.csv" keys=impl values=ns_per_msg where="impl!=ring|condvar" | grep -v '^#')
expect "where col!=a|b excludes both" test "$out" = $'odd, name\t1\t1\t1\t1'

printf 'my-chan\tuser\nring\tlock-free\ngo-chan\treference\nzeta-chan\tuser\n' > "$tmp/pairs.tsv"
s1=$(awk -f plots/lib/csv.awk -f plots/lib/series.awk plots/palette.txt "$tmp/pairs.tsv")
s2=$(awk -f plots/lib/csv.awk -f plots/lib/series.awk plots/palette.txt "$tmp/pairs.tsv")
expect "series colours are deterministic" test "$s1" = "$s2"
expect "known names keep their palette colour" grep -qx $'ring\t#2ca02c\t0\t1' <<<"$s1"
expect "references are marked" grep -q $'^go-chan\t#bcbd22\t1\t' <<<"$s1"
expect "unknown names get a fallback colour after the known ones" grep -qE $'^my-chan\t#[0-9a-f]{6}\t0\t3$' <<<"$s1"
expect "each palette colour is unique" test "$(grep -v '^#' plots/palette.txt | grep -v '^fallback' | awk 'NF { print $2 }' | sort | uniq -d)" = ""

# ------------------------------------------------------------------------------ full rendering
charts="throughput scaling capacity size latency memory compare"
render --bench "$fx/bench.csv" --memory-dir "$fx" --compare "$fx/compare.csv" --out "$tmp/out" > "$tmp/render.out" 2> "$tmp/render.err"
rc=$?
expect "render exits 0 on the fixtures (stderr: $(head -c 300 "$tmp/render.err"))" test $rc -eq 0
expect "render prints nothing on stderr for good input" test ! -s "$tmp/render.err"
expect "render prints one 'wrote' line per chart" test "$(grep -c '^wrote ' "$tmp/render.out")" -eq 7
for c in $charts; do
    expect "$c.png exists and is non-empty" test -s "$tmp/out/$c.png"
    expect "$c.svg exists and is non-empty" test -s "$tmp/out/$c.svg"
    expect "$c.png is a PNG" test "$(head -c 4 "$tmp/out/$c.png" | od -An -c | tr -d ' ')" = '211PNG'
    expect "$c.svg is an SVG" grep -q '<svg' "$tmp/out/$c.svg"
    expect "$c chart has no leftover gnuplot log" test ! -e "$tmp/out/$c.log"
done

# one-line error + non-zero exit: run render and require exactly one output line
one_line_failure() { # DESCRIPTION ARGS...
    local what=$1; shift
    render "$@" --out "$tmp/bad" > "$tmp/bad.out" 2>&1
    local rc=$? lines
    lines=$(wc -l < "$tmp/bad.out")
    expect "$what: exits non-zero" test $rc -ne 0
    expect "$what: exactly one line of output (got $lines: $(head -c 300 "$tmp/bad.out"))" test "$lines" -eq 1
}
one_line_failure "missing bench CSV" --bench "$tmp/does-not-exist.csv"
expect "missing file names the file" grep -q 'does-not-exist.csv' "$tmp/bad.out"
: > "$tmp/empty.csv"
one_line_failure "empty bench CSV" --bench "$tmp/empty.csv"
one_line_failure "a folder instead of a CSV" --bench "$tmp"
grep -v '^#' "$fx/bench.csv" | head -1 | sed 's/ns_per_msg/nanos/' > "$tmp/badheader.csv"; grep -v '^#' "$fx/bench.csv" | sed -n '2,5p' >> "$tmp/badheader.csv"
one_line_failure "header without ns_per_msg" --bench "$tmp/badheader.csv"
expect "missing column is named" grep -q 'ns_per_msg' "$tmp/bad.out"
{ grep -v '^#' "$fx/bench.csv" | head -3; echo "ring,lock-free,threads,spsc,1"; } > "$tmp/ragged.csv"
one_line_failure "row with too few fields" --bench "$tmp/ragged.csv"
expect "ragged row gives its line number" grep -q 'line 4' "$tmp/bad.out"
{ grep -v '^#' "$fx/bench.csv" | head -3; grep -v '^#' "$fx/bench.csv" | sed -n 4p | awk -F, -v OFS=, '{ $13 = "fast"; print }'; } > "$tmp/text.csv"
one_line_failure "non-numeric ns_per_msg" --bench "$tmp/text.csv"
grep -v '^#' "$fx/bench.csv" | head -1 > "$tmp/headeronly.csv"
one_line_failure "header without rows" --bench "$tmp/headeronly.csv"
printf 'a,b,c\n1,2,3\n' > "$tmp/other.csv"
one_line_failure "some other CSV" --bench "$tmp/other.csv"
# Partial files: refused in one line unless --accept-partial.
grep -v '^# status:' "$fx/bench.csv" > "$tmp/cut.csv"
one_line_failure "bench CSV without its status trailer" --bench "$tmp/cut.csv"
expect "cut-short file: the line says so and names --accept-partial" grep -q 'no "# status: complete" trailer.*--accept-partial' "$tmp/bad.out"
{ grep -v '^# status:' "$fx/bench.csv"; echo "# status: interrupted rows=576"; } > "$tmp/interrupted.csv"
one_line_failure "interrupted bench CSV" --bench "$tmp/interrupted.csv"
expect "interrupted file: the line says so" grep -q 'interrupted (status: interrupted rows=576).*--accept-partial' "$tmp/bad.out"
render --bench "$tmp/interrupted.csv" --memory-dir "$fx" --compare "$fx/compare.csv" --out "$tmp/partial" --accept-partial > /dev/null 2>&1
expect "--accept-partial draws an interrupted file" test -s "$tmp/partial/throughput.png"
one_line_failure "unknown option" --bench "$fx/bench.csv" --colour red

# ---------------------------------------------------------------------------- optional inputs
mkdir -p "$tmp/nomem"
render --bench "$fx/bench.csv" --memory-dir "$tmp/nomem" --compare "$tmp/nomem/none.csv" --out "$tmp/out2" > "$tmp/opt.out" 2>&1
expect "absent memory and compare inputs: exit 0" test $? -eq 0
expect "absent memory: noted" grep -q '^skipped memory' "$tmp/opt.out"
expect "absent compare: noted" grep -q '^skipped compare' "$tmp/opt.out"
expect "absent optional inputs: five charts written" test "$(grep -c '^wrote ' "$tmp/opt.out")" -eq 5

mkdir -p "$tmp/badmem"
cp "$fx"/memory-*.csv "$tmp/badmem/"
# A file the summary lists is broken (reported); an older run's file it does not list is history
# and is left out of the chart without a word.
printf '# broken\nimpl,capacity\nring,1024\n' > "$tmp/badmem/memory-condvar-1024-20261129T013500Z.csv"
printf '# an older invocation\nimpl,capacity\nring,1024\n' > "$tmp/badmem/memory-ring-1024-20260101T000000Z.csv"
printf 'impl,verdict\nring,regression\n' > "$tmp/badcompare.csv"
render --bench "$fx/bench.csv" --memory-dir "$tmp/badmem" --compare "$tmp/badcompare.csv" --out "$tmp/out3" > "$tmp/badopt.out" 2> "$tmp/badopt.err"
expect "malformed memory/compare CSV: exit 0 (optional inputs)" test $? -eq 0
expect "malformed memory/compare CSV: one line each on stderr" test "$(wc -l < "$tmp/badopt.err")" -eq 2
expect "malformed memory CSV: the other memory files still drawn" test -s "$tmp/out3/memory.png"
expect "malformed compare CSV: the bench charts still drawn" test "$(grep -c '^wrote ' "$tmp/badopt.out")" -eq 6

# ------------------------------------------------------------- sparse data and mixed drivers
# A quick run: one workload, one capacity, no latency or allocation figures, and one implementation
# that also ran under a second driver. Only chart 1 has data; the rest are skipped with a note.
hdr=$(grep -v '^#' "$fx/bench.csv" | head -1)
{ echo "# git_commit: sparse"; echo "$hdr"
  echo "ring,lock-free,threads,spsc,1,1,1024,64,1000,1,0.1,1e7,100,0.1,0.0,1,1,,,,,,,,,true,"
  echo "ring,lock-free,threads,spsc,1,1,1024,64,1000,2,0.1,1e7,110,0.1,0.0,1,1,,,,,,,,,true,"
  echo "condvar,lock,threads,spsc,1,1,1024,64,1000,1,0.1,1e7,120,0.1,0.0,1,1,nan,,,,,,,,true,"
  echo "ring,lock-free,tasks,spsc,1,1,1024,64,1000,1,0.1,1e7,900,0.1,0.0,1,1,,,,,,,,,true,"
  echo "ring,lock-free,tasks,spsc,1,1,1024,64,1000,2,0.1,1e7,900,0.1,0.0,1,1,,,,,,,,,false,"
  echo "# status: complete rows=5"; } > "$tmp/sparse.csv"
render --bench "$tmp/sparse.csv" --memory-dir "$tmp/nomem" --compare "$tmp/none.csv" --out "$tmp/out5" > "$tmp/sparse.out" 2> "$tmp/sparse.err"
expect "sparse data renders (exit 0)" test $? -eq 0
expect "sparse data: chart 1 written" test -s "$tmp/out5/throughput.png"
expect "sparse data: the five charts without data are skipped with a note" test "$(grep -c '^skipped ' "$tmp/sparse.out")" -eq 6
expect "sparse data: no gnuplot warnings" test "$(grep -c 'warning' "$tmp/sparse.out")" -eq 0
expect "mixed drivers: one note naming the dropped driver" grep -q 'ring also ran with driver tasks' "$tmp/sparse.err"
expect "mixed drivers: nothing else on stderr" test "$(wc -l < "$tmp/sparse.err")" -eq 1
bash scripts/report.sh --bench "$tmp/sparse.csv" --memory-dir "$tmp/nomem" --compare "$tmp/none.csv" --plots "$tmp/out5" --output "$tmp/r5/report.md" > /dev/null 2>&1
expect "sparse report written" test -s "$tmp/r5/report.md"
expect "sparse report says there are no latency figures" grep -q 'No latency percentiles in this data' "$tmp/r5/report.md"
expect "sparse report lists the failed tasks row" grep -qF '| ring | spsc | 1×1 | 1024 | 64 | 2 | false |' "$tmp/r5/report.md"

# ------------------------------------------------------- columns by name, not by position
# Reverse the column order and add an unknown column: every number must come out the same.
awk -F, -v OFS=, '/^#/ { print; next } { s = "zzz_extra"; if (NR > 0 && $1 != "impl") s = "x"; for (i = NF; i >= 1; i--) s = s OFS $i; print s }' "$fx/bench.csv" > "$tmp/reordered.csv"
render --bench "$tmp/reordered.csv" --memory-dir "$fx" --compare "$fx/compare.csv" --out "$tmp/out4" > /dev/null 2>&1
expect "reordered columns render" test $? -eq 0
expect "reordered columns: throughput chart written" test -s "$tmp/out4/throughput.png"
bash scripts/report.sh --bench "$fx/bench.csv" --memory-dir "$fx" --compare "$fx/compare.csv" --plots "$tmp/out" --output "$tmp/r1/report.md" > /dev/null 2>&1
bash scripts/report.sh --bench "$tmp/reordered.csv" --memory-dir "$fx" --compare "$fx/compare.csv" --plots "$tmp/out" --output "$tmp/r2/report.md" > /dev/null 2>&1
strip() { grep -v -e '^Generated ' -e 'Bench rows:' "$1"; }
expect "reordered columns give the same report numbers" diff -q <(strip "$tmp/r1/report.md") <(strip "$tmp/r2/report.md")

# -------------------------------------------------------------------------------------- report
r="$tmp/r1/report.md"
expect "report written" test -s "$r"
for section in "## Machine and run" "## Verification" "## Charts" "## Median ns per message" "## Latency percentiles" "## Swift against the references" "## Memory" "## Comparison NEW vs BASE" "## How this data was produced"; do
    expect "report has section '$section'" grep -qF "$section" "$r"
done
expect "report lists the failed row" grep -qF '| condvar | mpmc | 4×4 | 1 | 64 | 2 | false |' "$r"
expect "report shows the CPU model" grep -qF 'Fixture CPU @ 2.00GHz' "$r"
expect "report flags fixture data" grep -qF 'synthetic fixture data' "$r"
links=$(grep -o '](\([^)]*\.png\))' "$r" | sed 's/^](//; s/)$//')
expect "report links all seven charts" test "$(wc -l <<<"$links")" -eq 7
while read -r l; do expect "chart link $l resolves" test -s "$tmp/r1/$l"; done <<<"$links"
h="$tmp/r1/report.html"
expect "HTML report written beside it" test -s "$h"
expect "HTML report has the seven charts" test "$(grep -c '<img src=' "$h")" -eq 7
expect "HTML report has the tables" test "$(grep -c '<table>' "$h")" -ge 8
expect "HTML report has balanced tables" test "$(grep -c '<table>' "$h")" -eq "$(grep -c '</table>' "$h")"
bash scripts/report.sh --bench "$tmp/nope.csv" --output "$tmp/r3/report.md" > "$tmp/rep.out" 2>&1
expect "report: missing bench CSV exits non-zero" test $? -ne 0
expect "report: missing bench CSV is one line" test "$(wc -l < "$tmp/rep.out")" -eq 1

echo "charts check: $((checks - fails))/$checks passed"
[ "$fails" -eq 0 ]
