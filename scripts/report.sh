#!/usr/bin/env bash
# Writes the one-page ChannelBench report (`make report`): machine metadata, verification status,
# the charts, the summary tables (median ns/msg per implementation x workload x capacity, latency
# percentiles, memory summary, ratios against the Go/Rust references, the comparison if any) and
# how the data was produced; the same page as HTML beside it (report.html).
#
#   bash scripts/report.sh [--bench FILE] [--memory-dir DIR] [--compare FILE] [--plots DIR] [--output FILE] [--accept-partial]
#
# Defaults: results/latest.csv, results/, results/compare.csv, plots/out/, results/report.md
# (environment BENCH_CSV, MEMORY_DIR, COMPARE_CSV, PLOTS_OUT and REPORT_MD do the same).
# Charts are linked, not rendered: run `make plots` first (`make bench` does both).
# A missing or malformed bench CSV is a one-line error and exit 1.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lib="$root/plots/lib"
palette="$root/plots/palette.txt"
bench=${BENCH_CSV:-$root/results/latest.csv}
memdir=${MEMORY_DIR:-$root/results}
# the memory CSVs live in results/ (issue 4 contract); accept a results/memory/ folder as well
if [ -z "${MEMORY_DIR:-}" ] && ! ls "$memdir"/memory-*.csv >/dev/null 2>&1 && [ -d "$root/results/memory" ]; then memdir=$root/results/memory; fi
compare=${COMPARE_CSV:-$root/results/compare.csv}
plots=${PLOTS_OUT:-$root/plots/out}
output=${REPORT_MD:-$root/results/report.md}

# Files without a "# status: complete" trailer (interrupted or cut-short runs) are refused unless
# --accept-partial (or ACCEPT_PARTIAL=1) is given.
accept_partial=${ACCEPT_PARTIAL:-0}
die() { echo "report: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --bench) [ $# -ge 2 ] || die "--bench needs a file"; bench=$2; shift 2 ;;
        --memory-dir) [ $# -ge 2 ] || die "--memory-dir needs a folder"; memdir=$2; shift 2 ;;
        --compare) [ $# -ge 2 ] || die "--compare needs a file"; compare=$2; shift 2 ;;
        --plots) [ $# -ge 2 ] || die "--plots needs a folder"; plots=$2; shift 2 ;;
        --output) [ $# -ge 2 ] || die "--output needs a file"; output=$2; shift 2 ;;
        --accept-partial) accept_partial=1; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

BENCH_COLS=impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified
BENCH_NUM=producers,consumers,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,allocs_per_msg,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns
MEMSUM_COLS=impl,family,capacity,message_bytes,messages,baseline_bytes,peak_bytes,growth_bytes,bytes_per_queued_msg,peak_queued,after_drain_bytes,producer_seconds,consumer_seconds,file
CMP_COLS=impl,family,driver,workload,producers,consumers,capacity,message_bytes,metric,base_n,new_n,base_median,new_median,ratio,ci_low,ci_high,p_value,verdict

validate() {
    if [ ! -e "$1" ]; then echo "$1: no such file${5:+ ($5)}"; return 1; fi
    if [ -d "$1" ]; then echo "$1: is a folder, not a CSV file"; return 1; fi
    if [ ! -r "$1" ]; then echo "$1: not readable"; return 1; fi
    awk -f "$lib/csv.awk" -f "$lib/validate.awk" -v file="$1" -v what="$2" -v required="$3" -v numeric="$4" -v accept_partial="$accept_partial" "$1"
}
agg() { local f=$1; shift; local args=(); for a in "$@"; do args+=(-v "$a"); done
        awk -f "$lib/csv.awk" -f "$lib/aggregate.awk" -v palette="$palette" "${args[@]}" "$f"; }

msg=$(validate "$bench" "bench CSV" "$BENCH_COLS" "$BENCH_NUM" "run 'make bench' first, or pass --bench FILE") || die "$msg"
outdir=$(dirname "$output")
mkdir -p "$outdir" 2>/dev/null && [ -w "$outdir" ] || die "cannot write $output"
work=$(mktemp -d "${TMPDIR:-/tmp}/chanbench-report.XXXXXX") || die "cannot create a temporary folder"
trap 'rm -rf "$work"' EXIT
rel() { realpath -m --relative-to="$outdir" "$1"; }

# Human time: 812 ns, 3.4 µs, 12.1 ms.
AWK_FMT='
function human_ns(v) {
    if (v == "NaN" || v == "") return "–"
    if (v >= 1e9) return sprintf("%.3g s", v / 1e9)
    if (v >= 1e6) return sprintf("%.3g ms", v / 1e6)
    if (v >= 1e3) return sprintf("%.3g µs", v / 1e3)
    return sprintf("%.3g ns", v)
}
function num(v) {
    if (v == "NaN" || v == "") return "–"
    if (v >= 100) return sprintf("%.0f", v)
    if (v >= 10) return sprintf("%.1f", v)
    return sprintf("%.2f", v)
}
function mib(v) { return (v == "" || v == "NaN") ? "–" : sprintf("%.2f", v / 1048576) }
'

size_mode=$(agg "$bench" keys=message_bytes values=repetition | awk -F'\t' '!/^#/ && NF { if (best == "" || $2 > best) { best = $2; v = $1 } } END { print v }')

{
# ------------------------------------------------------------------------------------- header
echo "# ChannelBench report"
echo
echo "Generated $(date -u +%Y-%m-%dT%H:%M:%SZ) from \`$(rel "$bench")\` by \`scripts/report.sh\`."
if grep -q '^# fixture:' "$bench"; then
    echo
    echo "> **These are synthetic fixture data, not measurements** ($(sed -n 's/^# fixture: //p' "$bench" | head -1))."
fi
echo
echo "## Machine and run"
echo
echo "| | |"
echo "|---|---|"
awk '/^#/ { line = $0; sub(/^#[ \t]*/, "", line); p = index(line, ":"); if (p == 0) next
            k = substr(line, 1, p - 1); v = substr(line, p + 1); sub(/^[ \t]+/, "", v); gsub(/\|/, "\\|", v)
            if (k == "fixture") next
            printf "| %s | %s |\n", k, (k == "command" || k == "git_commit") ? "`" v "`" : v; next }
     { exit }' "$bench"
agg "$bench" keys=verified values=repetition all_rows=1 | awk -F'\t' '!/^#/ && NF { n += $2 } END { printf "| rows (one per repetition) | %d |\n", n }'
echo

# ------------------------------------------------------------------------------- verification
echo "## Verification"
echo
agg "$bench" keys=impl,workload,producers,consumers,capacity,message_bytes,repetition,verified all_rows=1 where="verified!=true" > "$work/failed.tsv"
total=$(agg "$bench" keys=verified values=repetition all_rows=1 | awk -F'\t' '!/^#/ && NF { n += $2 } END { print n + 0 }')
nfail=$(grep -vc '^#' "$work/failed.tsv")
if [ "$nfail" -eq 0 ]; then
    echo "All $total rows passed the correctness oracle (exactly-once delivery, per-producer FIFO, total count, capacity bound): every figure below is from a verified run."
else
    echo "**$nfail of $total rows FAILED verification** (\`verified\` is not \`true\`). They are left out of every chart and table below; their configurations:"
    echo
    echo "| impl | workload | producers×consumers | capacity | message bytes | repetition | verified |"
    echo "|---|---|---|---|---|---|---|"
    awk -F'\t' '!/^#/ && NF { printf "| %s | %s | %s×%s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, ($8 == "" ? "(empty)" : $8) }' "$work/failed.tsv"
fi
echo

# ------------------------------------------------------------------------------------- charts
echo "## Charts"
echo
chart() { # chart FILE TITLE DESCRIPTION
    if [ -s "$plots/$1.png" ]; then
        echo "### $2"
        echo
        echo "$3"
        echo
        echo "![$2]($(rel "$plots/$1.png"))"
        echo
    else
        echo "### $2"
        echo
        echo "_Not rendered (no data for it, or \`make plots\` not run)._"
        echo
    fi
}
chart throughput "1. Throughput by capacity" "Median ns per message (shorter bar = faster) for seq/spsc/mpsc/mpmc in four panels: capacity 0 (rendezvous), 1, the common bounded capacity N, and unbounded. A gap is an unsupported or unrun combination, never a zero. Hatched bars are the Go/Rust references. Whiskers: min–max of the repetitions."
chart scaling "2. Scaling with threads" "Median messages per second against producer count (left) and consumer count (right); the fixed parameters are in each panel title. On a 2-core machine every line is expected to fall once threads exceed cores; the slope shows how gracefully."
chart capacity "3. Capacity sweep" "Median ns per message against channel capacity (log x). Capacity 0 (rendezvous) and unbounded are placed at the two ends, past the dotted lines."
chart size "4. Message size" "Left: median ns per message against message size (log x); right: heap allocations per message (jemalloc). Small payloads travel inline; large ones are heap-backed, so both copy and allocation cost show."
chart latency "5. Latency percentiles" "HdrHistogram-style percentile plot: x is the percentile on a 1/(1−p) scale (50 %, 90 %, 99 %, 99.9 %, max), y the latency (log). Left: ping-pong round trip; right: one-way send→receive in spsc runs (closed loop, so it includes time spent queued)."
chart memory "6. Memory over time" "jemalloc allocated MiB against time while fast producers outrun a slow consumer, then the drain; one panel per family. Dashed = bounded (should stay flat), solid = unbounded (grows with the backlog, and shows whether memory is given back after the drain)."
if [ -e "$compare" ]; then
    chart compare "7. Comparison NEW vs BASE" "Per configuration, the ratio of medians NEW/BASE (log x; 1× = no change, < 1× = faster) with its confidence interval, coloured by the verdict of \`chanbench compare\`; worst first."
fi

# ---------------------------------------------------------------------------- throughput table
cap_n=$(agg "$bench" keys=capacity values=repetition where="capacity!=0|1|unbounded" |
    awk -F'\t' '!/^#/ && NF && $1 ~ /^[0-9]+$/ { if (best == "" || $2 > best) { best = $2; v = $1 } } END { print v }')
echo "## Median ns per message (implementation × workload × capacity, $size_mode-byte messages)"
echo
echo "Median over the verified repetitions; **bold** = fastest channel in its column for that workload (the \`null\` baseline, which has no channel, is never bold); – = not run or unsupported. Capacities 0, 1, ${cap_n:-N} and unbounded; every other capacity and size is in *All configurations* at the end."
echo
agg "$bench" keys=workload,producers,consumers,impl,family,capacity values=ns_per_msg where="message_bytes=$size_mode;capacity=0|1|${cap_n:-0}|unbounded" > "$work/tp.tsv"
awk -F'\t' -v wlorder="seq spsc mpsc mpmc pingpong" "$AWK_FMT"'
    BEGIN { n = split(wlorder, WO, " "); for (i = 1; i <= n; i++) WR[WO[i]] = i }
    /^#/ || NF == 0 { next }
    { shape = $1 "\t" $2 "\t" $3
      row = shape "\t" $4; if (!(row in ROWSEEN)) { ROWSEEN[row] = 1; ROW[++nr] = row }
      if (!($6 in CS)) { CS[$6] = 1; CAP[++nc] = $6 }
      V[row, $6] = $8
      if ($5 != "baseline" && $8 != "NaN" && (!((shape, $6) in BEST) || $8 + 0 < BEST[shape, $6])) BEST[shape, $6] = $8 + 0 }
    END {
        # capacities: numbers ascending, then unbounded
        for (i = 1; i <= nc; i++) K[i] = (CAP[i] == "unbounded") ? "1" : sprintf("0%012d", CAP[i])
        for (i = 2; i <= nc; i++) for (j = i; j > 1 && K[j - 1] > K[j]; j--) { t = K[j]; K[j] = K[j - 1]; K[j - 1] = t; t = CAP[j]; CAP[j] = CAP[j - 1]; CAP[j - 1] = t }
        printf "| workload | impl |"; for (i = 1; i <= nc; i++) printf " %s |", (CAP[i] == "unbounded") ? "unbounded" : "cap " CAP[i]; printf "\n"
        printf "|---|---|"; for (i = 1; i <= nc; i++) printf "---:|"; printf "\n"
        # rows keep aggregate.awk order within a shape (palette order); shapes by workload, P, C
        for (r = 1; r <= nr; r++) { split(ROW[r], f, "\t"); OK[r] = sprintf("%02d%06d%06d%06d", (f[1] in WR) ? WR[f[1]] : 99, f[2], f[3], r) "\001" r }
        for (i = 2; i <= nr; i++) for (j = i; j > 1 && OK[j - 1] > OK[j]; j--) { t = OK[j]; OK[j] = OK[j - 1]; OK[j - 1] = t }
        for (q = 1; q <= nr; q++) {
            r = substr(OK[q], index(OK[q], "\001") + 1) + 0
            split(ROW[r], f, "\t"); shape = f[1] "\t" f[2] "\t" f[3]
            printf "| %s %s×%s | %s |", f[1], f[2], f[3], f[4]
            for (i = 1; i <= nc; i++) {
                v = ((ROW[r], CAP[i]) in V) ? V[ROW[r], CAP[i]] : ""
                s = num(v)
                if (v != "" && v != "NaN" && ((shape, CAP[i]) in BEST) && v + 0 == BEST[shape, CAP[i]]) s = "**" s "**"
                printf " %s |", s
            }
            printf "\n"
        }
    }' "$work/tp.tsv"
echo

# ------------------------------------------------------------------------------ latency tables
latency_table() { # latency_table WHERE TITLE
    agg "$bench" keys=impl,capacity,message_bytes values=lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns where="$1" > "$work/lat.tsv"
    if ! awk -F'\t' '!/^#/ && NF && $5 != "NaN" { found = 1 } END { exit !found }' "$work/lat.tsv"; then return 1; fi
    echo "### $2"
    echo
    echo "| impl | capacity | message bytes | p50 | p90 | p99 | p99.9 | max |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' "$AWK_FMT"'!/^#/ && NF && $5 != "NaN" { printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, human_ns($5), human_ns($8), human_ns($11), human_ns($14), human_ns($17) }' "$work/lat.tsv"
    echo
}
echo "## Latency percentiles (median over repetitions)"
echo
lat_rt=0; lat_ow=0
latency_table "workload=pingpong" "Round trip (pingpong)" && lat_rt=1
latency_table "workload=spsc;producers=1;consumers=1" "One-way send→receive (spsc 1×1, closed loop: includes time queued)" && lat_ow=1
if [ $lat_rt -eq 0 ] && [ $lat_ow -eq 0 ]; then echo "_No latency percentiles in this data (no pingpong or spsc rows with lat_p50_ns…lat_max_ns)._"; echo; fi

# ------------------------------------------------------------------------ reference ratios
if agg "$bench" keys=family | grep -q '^reference'; then
    echo "## Swift against the references (same run)"
    echo
    echo "Median ns/msg of each Swift channel divided by a reference's median for the same configuration ($size_mode-byte messages, capacities 0, 1, ${cap_n:-N}, unbounded): **< 1× means the Swift channel is faster**. *vs fastest* divides by the fastest reference that ran the configuration. Only configurations run by at least one reference are listed; every configuration is in *All configurations*."
    echo
    agg "$bench" keys=workload,producers,consumers,capacity,impl,family values=ns_per_msg where="message_bytes=$size_mode;capacity=0|1|${cap_n:-0}|unbounded" > "$work/ref.tsv"
    awk -F'\t' -v wlorder="seq spsc mpsc mpmc pingpong" -v styles_palette="$palette" "$AWK_FMT"'
        BEGIN { n = split(wlorder, WO, " "); for (i = 1; i <= n; i++) WR[WO[i]] = i
                while ((getline l < styles_palette) > 0) { if (l ~ /^#/) continue; split(l, w, /[ \t]+/); if (!(w[1] in PR)) PR[w[1]] = ++np } }
        /^#/ || NF == 0 { next }
        { cfg = $1 "\t" $2 "\t" $3 "\t" $4
          if ($8 == "NaN") next
          if ($6 == "reference") { REF[cfg, $5] = $8; if (!($5 in REFSEEN)) { REFSEEN[$5] = 1; RN[++nref] = $5 }
                                   if (!(cfg in FAST) || $8 + 0 < FAST[cfg]) FAST[cfg] = $8 + 0 }
          else if ($6 != "baseline") { row = cfg "\t" $5; if (!(row in SEEN)) { SEEN[row] = 1; ROW[++nr] = row }; SW[row] = $8 } }
        END {
            # references in palette order
            for (i = 2; i <= nref; i++) for (j = i; j > 1 && ((RN[j - 1] in PR) ? PR[RN[j - 1]] : 999) > ((RN[j] in PR) ? PR[RN[j]] : 999); j--) { t = RN[j]; RN[j] = RN[j - 1]; RN[j - 1] = t }
            printf "| configuration | Swift channel | ns/msg | vs fastest |"; for (j = 1; j <= nref; j++) printf " vs %s |", RN[j]; printf "\n"
            printf "|---|---|---:|---:|"; for (j = 1; j <= nref; j++) printf "---:|"; printf "\n"
            for (r = 1; r <= nr; r++) { split(ROW[r], f, "\t")
                OK[r] = sprintf("%02d%06d%06d%s%06d", (f[1] in WR) ? WR[f[1]] : 99, f[2], f[3], (f[4] == "unbounded") ? "1" : sprintf("0%012d", f[4]), r) "\001" r }
            for (i = 2; i <= nr; i++) for (j = i; j > 1 && OK[j - 1] > OK[j]; j--) { t = OK[j]; OK[j] = OK[j - 1]; OK[j - 1] = t }
            for (q = 1; q <= nr; q++) { r = substr(OK[q], index(OK[q], "\001") + 1) + 0
                split(ROW[r], f, "\t"); cfg = f[1] "\t" f[2] "\t" f[3] "\t" f[4]
                if (!(cfg in FAST)) continue
                ratio = SW[ROW[r]] / FAST[cfg]
                printf "| %s %s×%s cap %s | %s | %s | %s |", f[1], f[2], f[3], f[4], f[5], num(SW[ROW[r]]), (ratio <= 1 ? "**" sprintf("%.2f×", ratio) "**" : sprintf("%.2f×", ratio))
                for (j = 1; j <= nref; j++) printf " %s |", ((cfg, RN[j]) in REF) ? sprintf("%.2f×", SW[ROW[r]] / REF[cfg, RN[j]]) : "–"
                printf "\n" }
        }' "$work/ref.tsv"
    echo
fi

# ------------------------------------------------------------------------------ memory summary
echo "## Memory (bounded vs unbounded)"
echo
summary="$memdir/memory-summary.csv"
if [ ! -e "$summary" ]; then
    echo "_No \`$(rel "$summary")\`: run \`make memory\` (or \`make bench\`)._"
elif ! msg=$(validate "$summary" "memory summary CSV" "$MEMSUM_COLS" ""); then
    echo "report: $msg (memory table skipped)" >&2
    echo "_Memory summary unreadable: ${msg}_"
else
    echo "From \`$(rel "$summary")\`: jemalloc allocated bytes while fast producers outrun a slow consumer. Growth = peak − baseline; per queued message = growth ÷ peak queue length; after drain = allocated after the consumer emptied the channel, relative to the baseline."
    echo
    echo "| impl | family | capacity | msg bytes | messages | baseline MiB | peak MiB | growth MiB | bytes/queued msg | peak queued | after drain MiB | producers s | consumer s |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -f "$lib/csv.awk" -f /dev/stdin "$summary" <<AWK
BEGIN { FS = "\n" }
$AWK_FMT
/^#/ { next }
/^[ \t\r]*\$/ { next }
!h { csv_header(\$0); h = 1; next }
{ sub(/\r\$/, ""); csv_split(\$0, F)
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", col("impl"), col("family"), col("capacity"), col("message_bytes"), col("messages"), mib(col("baseline_bytes")), mib(col("peak_bytes")), mib(col("growth_bytes")), num(col("bytes_per_queued_msg")), col("peak_queued"), mib(col("after_drain_bytes")), col("producer_seconds"), col("consumer_seconds") }
AWK
fi
echo

# ---------------------------------------------------------------------------------- comparison
if [ -e "$compare" ]; then
    echo "## Comparison NEW vs BASE"
    echo
    if ! msg=$(validate "$compare" "compare CSV" "$CMP_COLS" ""); then
        echo "report: $msg (comparison skipped)" >&2
        echo "_Comparison CSV unreadable: ${msg}_"
    else
        echo "From \`$(rel "$compare")\`; verdicts other than *unchanged*, worst ratio first."
        echo
        echo "| verdict | metric | impl | workload | P×C | capacity | bytes | base median | new median | ratio | CI | p |"
        echo "|---|---|---|---|---|---|---:|---:|---:|---:|---|---:|"
        awk -f "$lib/csv.awk" -f /dev/stdin "$compare" <<'AWK' | sort -t$'\t' -k1,1r | cut -f2-
BEGIN { FS = "\n" }
/^#/ { next }
/^[ \t\r]*$/ { next }
!h { csv_header($0); h = 1; next }
{ sub(/\r$/, ""); csv_split($0, F); v = col("verdict"); if (v == "unchanged") next
  r = col("ratio"); key = is_num(r) ? sprintf("%012.4f", r) : "000000000000"
  printf "%s\t| %s | %s | %s | %s | %s×%s | %s | %s | %s | %s | %s | %s | %s |\n", key, (v == "regression" || v == "failed") ? "**" v "**" : v, col("metric"), col("impl"), col("workload"), col("producers"), col("consumers"), col("capacity"), col("message_bytes"), col("base_median"), col("new_median"), is_num(r) ? r "×" : "–", is_num(col("ci_low")) ? col("ci_low") "–" col("ci_high") : "–", col("p_value") }
AWK
    fi
    echo
fi

# ---------------------------------------------------------------------- all configurations
echo "<details><summary>All configurations (median, min and max over verified repetitions)</summary>"
echo
echo "| impl | driver | workload | P×C | capacity | bytes | reps | ns/msg median | min | max | msgs/s | allocs/msg | p50 | p99 |"
echo "|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
agg "$bench" keys=impl,driver,workload,producers,consumers,capacity,message_bytes values=ns_per_msg,msgs_per_sec,allocs_per_msg,lat_p50_ns,lat_p99_ns |
    awk -F'\t' "$AWK_FMT"'!/^#/ && NF { printf "| %s | %s | %s | %s×%s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, num($9), num($10), num($11), ($12 == "NaN" ? "–" : sprintf("%.3g", $12)), ($15 == "NaN" ? "–" : sprintf("%.3g", $15)), human_ns($18), human_ns($21) }'
echo
echo "</details>"
echo

# ------------------------------------------------------------------------------- provenance
echo "## How this data was produced"
echo
cmd=$(sed -n 's/^# command: //p' "$bench" | head -1)
echo "- Bench rows: \`${cmd:-chanbench run}\` (release build) wrote \`$(rel "$bench")\`, one row per repetition; the metadata above records commit, toolchain, CPU and parameters."
echo "- Every run is checked by the oracle (exactly-once, per-producer FIFO, count, capacity bound); rows with \`verified=false\` are excluded from charts and tables and listed under *Verification*."
echo "- Throughput is wall-clock over the traffic only (threads/tasks released by a start barrier). Tables and charts show the **median** of repetitions; error bars and min/max columns show their spread."
echo "- Latency percentiles come from per-consumer HdrHistograms merged per run; allocations from jemalloc request counters; memory over time from \`chanbench memory\` sampling jemalloc \`stats.allocated\`."
echo "- Reference implementations (family \`reference\`: Go \`chan\`, Rust \`std::sync::mpsc\`, \`crossbeam-channel\`) emit the same CSV columns from the same workloads."
echo "- Charts: \`make plots\` (\`plots/render.sh\`, gnuplot scripts \`plots/*.gp\`, PNG and SVG in \`$(rel "$plots")\`); this page: \`make report\` (\`scripts/report.sh\`). Reproduce everything with \`make bench\`."
echo "- The machine is small (2 cores) and shared: differences below ~2× between blocking channels can flip between runs. Use \`make compare BASE=<ref>\` for a same-run A/B with confidence intervals."
} > "$work/report.md" || die "could not assemble the report"

# Replaced atomically: a temporary file beside it, renamed (a rename across file systems is a copy).
tmp_out="$(dirname "$output")/.$(basename "$output").$$.tmp"
cp "$work/report.md" "$tmp_out" && mv "$tmp_out" "$output" || { rm -f "$tmp_out"; die "cannot write $output"; }
echo "wrote $output"
# The same page as HTML beside it (results/report.html): chart links are relative, so it works
# opened straight from the file system.
html=${output%.md}.html
tmp_html="$(dirname "$html")/.$(basename "$html").$$.tmp"
awk -f "$lib/md2html.awk" -v title="ChannelBench report" "$output" > "$tmp_html" && mv "$tmp_html" "$html" || { rm -f "$tmp_html"; die "cannot write $html"; }
echo "wrote $html"
