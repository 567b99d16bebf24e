#!/usr/bin/env bash
# `make test-charts`: builds the report for the fixture CSVs with `chanbench report` and renders
# report.html in headless Chromium, checking that
#   - every chart the fixtures support is drawn as a real PNG, and a stale chart is removed;
#   - report.md and report.html exist, name the lossy configuration and do not rank it;
#   - in the browser, every image of report.html loaded (naturalWidth > 0), and the page
#     renders to a PNG screenshot (kept as $CHARTS_SCREENSHOT when set, for CI artefacts);
#   - an interrupted bench CSV is refused in one line, and reported when --accept-partial.
# Needs gnuplot and chromium (installs them through scripts/install-deps.sh as root).
# CHANBENCH: the binary to test (default: builds the debug one).
set -uo pipefail
cd "$(dirname "$0")/../.."
bash scripts/install-deps.sh || exit 1
command -v chromium >/dev/null || { echo "check: chromium not installed (apt-get install -y chromium)" >&2; exit 1; }
if [ -z "${CHANBENCH:-}" ]; then
    swift build --product chanbench >&2 || exit 1
    CHANBENCH=$(swift build --show-bin-path)/chanbench
fi
fx=Tests/Fixtures/charts
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chanbench-chartcheck.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0; checks=0
check() { local what=$1; shift; checks=$((checks + 1)); if ! "$@"; then fails=$((fails + 1)); echo "FAIL: $what" >&2; fi; }

out=$tmp/out
mkdir -p "$out"
echo stale > "$out/compare.png"   # a chart an earlier report drew, not supported by this data
"$CHANBENCH" report --bench $fx/bench.csv --memory $fx/memory-*.csv --out "$out" > "$tmp/stdout" 2> "$tmp/stderr"
rc=$?
check "report exits 0 ($(cat "$tmp/stderr"))" test $rc -eq 0
for chart in throughput scaling capacity size latency memory; do
    check "$chart.png is a PNG" bash -c "file '$out/$chart.png' | grep -q 'PNG image'"
done
check "the stale compare chart is removed" test ! -e "$out/compare.png"
check "report.md and report.html written" test -s "$out/report.md" -a -s "$out/report.html"
check "report.md names the lossy configuration" grep -q 'LOSSY: lost' "$out/report.md"
check "the correctness sentence counts the lossy configurations apart" grep -q 'lossy-by-design channels (asyncstream-oldest) lost' "$out/report.md"
check "asyncstream-oldest is never ranked fastest" bash -c "! grep -E '^\| (spsc|mpsc) .*\| asyncstream-oldest \|' '$out/report.md'"
check "report.html is self-contained (no file references)" bash -c "! grep -E '<img src=\"[^d]' '$out/report.html'"

# The browser: inject a probe that lists every image that did not load, dump the DOM after load.
sed 's#</body>#<script>window.addEventListener("load", () => { const bad = [...document.images].filter(i => !(i.complete \&\& i.naturalWidth > 0)).map(i => i.alt); document.body.setAttribute("data-images", document.images.length + " images, broken: [" + bad.join(", ") + "]"); });</script></body>#' \
    "$out/report.html" > "$tmp/probe.html"
browser=(chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --virtual-time-budget=15000)
timeout 120 "${browser[@]}" --dump-dom "file://$tmp/probe.html" > "$tmp/dom.html" 2> "$tmp/chromium.log"
images=$(grep -o 'data-images="[^"]*"' "$tmp/dom.html")
check "chromium loaded every image ($images)" bash -c "[[ '$images' == 'data-images=\"6 images, broken: []\"' ]]"
shot=${CHARTS_SCREENSHOT:-$tmp/report.png}
timeout 120 "${browser[@]}" --window-size=1600,6000 --screenshot="$shot" "file://$out/report.html" >/dev/null 2>>"$tmp/chromium.log"
check "chromium rendered report.html to a PNG" bash -c "file '$shot' | grep -q 'PNG image'"

# An interrupted file: refused in one line, or reported and flagged with --accept-partial.
sed 's/^# status: complete/# status: interrupted/' $fx/bench.csv > "$tmp/interrupted.csv"
"$CHANBENCH" report --bench "$tmp/interrupted.csv" --out "$tmp/partial" > /dev/null 2> "$tmp/err"; rc=$?
check "an interrupted file is refused in one line ($(cat "$tmp/err"))" \
    bash -c "[[ $rc -eq 1 && \$(wc -l < '$tmp/err') -eq 1 ]] && grep -q 'interrupted.*accept-partial' '$tmp/err'"
"$CHANBENCH" report --accept-partial --bench "$tmp/interrupted.csv" --out "$tmp/partial" > /dev/null 2>&1
check "--accept-partial reports it, flagged as incomplete" grep -q 'INCOMPLETE' "$tmp/partial/report.md"
check "charts without data in the partial report's folder are absent" test ! -e "$tmp/partial/memory.png"

echo "test-charts: $((checks - fails)) of $checks checks passed"
[ "$fails" -eq 0 ]
