#!/usr/bin/env bash
# Renders every ChannelBench chart it has data for (`make plots`).
#
#   bash plots/render.sh [--bench FILE] [--memory-dir DIR] [--compare FILE] [--out DIR] [--accept-partial]
#
# Inputs (defaults in parentheses; environment variables BENCH_CSV, MEMORY_DIR, COMPARE_CSV and
# PLOTS_OUT do the same as the options):
#   --bench       the bench CSV of `chanbench run` (results/latest.csv)           charts 1-5
#   --memory-dir  folder holding memory-*.csv and memory-summary.csv (results)   chart 6
#   --compare     a `chanbench compare --format csv` output (results/compare.csv) chart 7
#   --out         where PNG and SVG files go (plots/out, git-ignored)
#
# Pipeline: validate each CSV's header (plots/lib/validate.awk) -> aggregate repetitions into
# median/min/max per configuration (plots/lib/aggregate.awk) -> pick what each chart shows (awk,
# below) -> one gnuplot script per chart (plots/*.gp), run twice (pngcairo and svg).
# Prints one line per chart written or skipped. A missing or malformed bench CSV is a one-line
# error and exit 1. A malformed memory or compare CSV is a one-line error on stderr and only its
# chart (or file) is skipped, exit 0, so `make bench` still gets the other charts and the report;
# absent optional inputs are just noted. A gnuplot failure on any chart is exit 1 (a bug here).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
lib="$here/lib"
palette="$here/palette.txt"
bench=${BENCH_CSV:-$root/results/latest.csv}
memdir=${MEMORY_DIR:-$root/results}
# the memory CSVs live in results/ (issue 4 contract); accept a results/memory/ folder as well
if [ -z "${MEMORY_DIR:-}" ] && ! ls "$memdir"/memory-*.csv >/dev/null 2>&1 && [ -d "$root/results/memory" ]; then memdir=$root/results/memory; fi
compare=${COMPARE_CSV:-$root/results/compare.csv}
out=${PLOTS_OUT:-$here/out}

# Files without a "# status: complete" trailer (interrupted or cut-short runs) are refused unless
# --accept-partial (or ACCEPT_PARTIAL=1) is given.
accept_partial=${ACCEPT_PARTIAL:-0}
die() { echo "render: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --bench) [ $# -ge 2 ] || die "--bench needs a file"; bench=$2; shift 2 ;;
        --memory-dir) [ $# -ge 2 ] || die "--memory-dir needs a folder"; memdir=$2; shift 2 ;;
        --compare) [ $# -ge 2 ] || die "--compare needs a file"; compare=$2; shift 2 ;;
        --out) [ $# -ge 2 ] || die "--out needs a folder"; out=$2; shift 2 ;;
        --accept-partial) accept_partial=1; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
command -v gnuplot >/dev/null 2>&1 || die "gnuplot not found; install it with: apt-get install -y gnuplot-nox (or run 'make deps')"

BENCH_COLS=impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified
BENCH_NUM=producers,consumers,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,allocs_per_msg,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns
MEM_COLS=impl,capacity,message_bytes,t_ms,allocated_bytes,resident_bytes,rss_bytes,queued,sent,received
MEM_NUM=message_bytes,t_ms,allocated_bytes,resident_bytes,rss_bytes,queued,sent,received
MEMSUM_COLS=impl,family,capacity,message_bytes,messages,baseline_bytes,peak_bytes,growth_bytes,bytes_per_queued_msg,peak_queued,after_drain_bytes,producer_seconds,consumer_seconds,file
CMP_COLS=impl,family,driver,workload,producers,consumers,capacity,message_bytes,metric,base_n,new_n,base_median,new_median,ratio,ci_low,ci_high,p_value,verdict
CMP_NUM=producers,consumers,message_bytes,ratio,ci_low,ci_high

# validate FILE WHAT REQUIRED NUMERIC: prints the one-line problem and returns 1 if the file is bad.
validate() {
    if [ ! -e "$1" ]; then echo "$1: no such file${5:+ ($5)}"; return 1; fi
    if [ -d "$1" ]; then echo "$1: is a folder, not a CSV file"; return 1; fi
    if [ ! -r "$1" ]; then echo "$1: not readable"; return 1; fi
    awk -f "$lib/csv.awk" -f "$lib/validate.awk" -v file="$1" -v what="$2" -v required="$3" -v numeric="$4" -v accept_partial="$accept_partial" "$1"
}
# agg FILE key=value...: runs aggregate.awk with the palette on FILE.
agg() { local f=$1; shift; local args=(); for a in "$@"; do args+=(-v "$a"); done
        awk -f "$lib/csv.awk" -f "$lib/aggregate.awk" -v palette="$palette" "${args[@]}" "$f"; }

status=0
if ! msg=$(validate "$bench" "bench CSV" "$BENCH_COLS" "$BENCH_NUM" "run 'make bench' first, or pass --bench FILE"); then
    die "$msg"
fi
mkdir -p "$out" 2>/dev/null && [ -w "$out" ] || die "cannot write to output folder $out"
work=$(mktemp -d "${TMPDIR:-/tmp}/chanbench-plots.XXXXXX") || die "cannot create a temporary folder"
[ -n "${PLOTS_KEEP_WORK:-}" ] && echo "render: keeping work folder $work" >&2 || trap 'rm -rf "$work"' EXIT

# Charts draw one series per implementation: keep each implementation's main driver only.
awk -f "$lib/csv.awk" -f "$lib/primary-driver.awk" "$bench" "$bench" > "$work/all.csv" || die "could not read $bench"
# ns/msg from throughput-mode rows, latency from latency-mode rows (plots/lib/mode.awk).
awk -f "$lib/csv.awk" -f "$lib/mode.awk" -v mode=throughput "$work/all.csv" > "$work/bench.csv" || die "could not read $bench"
awk -f "$lib/csv.awk" -f "$lib/mode.awk" -v mode=latency "$work/all.csv" > "$work/bench-latency.csv" || die "could not read $bench"
bench=$work/bench.csv
bench_latency=$work/bench-latency.csv

# ---------------------------------------------------------------------------------------------
# Series styles: one colour per implementation, the same in every chart (plots/palette.txt).
{
    agg "$bench" keys=impl,family all_rows=1 | awk -F'\t' '!/^#/ && NF { print $1 "\t" $2 }'
    if [ -r "$memdir/memory-summary.csv" ]; then agg "$memdir/memory-summary.csv" keys=impl,family all_rows=1 2>/dev/null | awk -F'\t' '!/^#/ && NF { print $1 "\t" $2 }'; fi
    if [ -r "$compare" ]; then agg "$compare" keys=impl,family all_rows=1 2>/dev/null | awk -F'\t' '!/^#/ && NF { print $1 "\t" $2 }'; fi
    for f in "$memdir"/memory-*.csv; do
        [ -r "$f" ] && [ "$(basename "$f")" != memory-summary.csv ] || continue
        agg "$f" keys=impl 2>/dev/null | awk -F'\t' '!/^#/ && NF { print $1 "\t?" }'
    done
} > "$work/pairs.tsv"
awk -f "$lib/csv.awk" -f "$lib/series.awk" "$palette" "$work/pairs.tsv" > "$work/styles.tsv"

# series_vars DAT VARSFILE: writes gnuplot arrays describing the data blocks of DAT (one block per
# implementation, in file order): S_NAME, S_COLOR, S_REF, NS.
series_vars() {
    awk -F'\t' -v styles="$work/styles.tsv" '
        BEGIN { while ((getline l < styles) > 0) { split(l, s, "\t"); C[s[1]] = s[2]; R[s[1]] = s[3] } }
        /^#/ || NF == 0 { next }
        $1 != prev { n++; name[n] = $1; prev = $1 }
        END {
            m = (n > 0) ? n : 1
            printf "NS = %d\narray S_NAME[%d]\narray S_COLOR[%d]\narray S_REF[%d]\n", n, m, m, m
            for (i = 1; i <= n; i++) printf "S_NAME[%d] = \"%s\"; S_COLOR[%d] = \"%s\"; S_REF[%d] = %d\n", i, name[i], i, (name[i] in C) ? C[name[i]] : "#808080", i, R[name[i]] + 0
        }' "$1" > "$2"
}

# legend_vars DAT...: gnuplot arrays K_NAME, K_COLOR, K_REF (NK entries, palette order) for every
# implementation that appears in any of the DAT files: one shared legend per chart.
legend_vars() {
    awk -F'\t' -v styles="$work/styles.tsv" '
        FNR == 1 && !loaded { while ((getline l < styles) > 0) { split(l, s, "\t"); ORD[++no] = s[1]; C[s[1]] = s[2]; R[s[1]] = s[3] }; loaded = 1 }
        /^#/ || NF == 0 { next }
        { USED[$1] = 1 }
        END {
            n = 0; for (i = 1; i <= no; i++) if (ORD[i] in USED) name[++n] = ORD[i]
            m = (n > 0) ? n : 1
            printf "NK = %d\narray K_NAME[%d]\narray K_COLOR[%d]\narray K_REF[%d]\n", n, m, m, m
            for (i = 1; i <= n; i++) printf "K_NAME[%d] = \"%s\"; K_COLOR[%d] = \"%s\"; K_REF[%d] = %d\n", i, name[i], i, C[name[i]], i, R[name[i]] + 0
        }' "$@"
}

# sweep_only DAT: keeps only the implementations with at least two points (a sweep needs a line);
# an implementation run at one point only would be a lone dot that says nothing about the trend.
sweep_only() {
    awk -F'\t' '/^#/ { print; next } NF == 0 { next } { L[++n] = $0; I[n] = $1; c[$1]++ }
        END { for (i = 1; i <= n; i++) if (c[I[i]] >= 2) { if (I[i] != prev && started) printf "\n\n"; print L[i]; prev = I[i]; started = 1 } }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# plot_chart NAME W H VARSFILE: runs plots/NAME.gp for PNG and SVG; one summary line either way.
plot_chart() {
    local name=$1 w=$2 h=$3 vars=$4 fmt log rc=0 warnings
    log="$work/$name.log"; : > "$log"
    for fmt in png svg; do
        gnuplot -e "FMT='$fmt'; OUT='$out/$name'; W=$w; H=$h; LIB='$lib'; VARS='$vars'" "$here/$name.gp" >>"$log" 2>&1 || rc=1
    done
    if [ $rc -ne 0 ] || [ ! -s "$out/$name.png" ]; then
        echo "render: $name: gnuplot failed: $(grep -m1 -iE 'error|line [0-9]+:' "$log" | sed 's/^[[:space:]]*//' | head -c 200)" >&2
        status=1; return 1
    fi
    warnings=$(grep -ci 'warning' "$log")
    if [ "$warnings" -gt 0 ]; then
        cp "$log" "$out/$name.log"
        echo "wrote ${out#"$PWD"/}/$name.png (+ .svg) — $5 [$warnings gnuplot warning(s), see ${out#"$PWD"/}/$name.log]"
    else
        rm -f "$out/$name.log"
        echo "wrote ${out#"$PWD"/}/$name.png (+ .svg) — $5"
    fi
}

# gp_string S: S quoted for a gnuplot double-quoted string.
gp_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

# The common message size (the mode of message_bytes; ties go to the smaller size) and the most
# common bounded capacity > 1 ("N" in the crossbeam-style overview).
mode_of() { # mode_of COLUMN [where]
    agg "$bench" keys="$1" values=repetition ${2:+where="$2"} |
        awk -F'\t' '!/^#/ && NF { if ($2 > best || (best == "")) { best = $2; v = $1 } } END { print v }'
}
size_mode=$(mode_of message_bytes)
cap_n=$(agg "$bench" keys=capacity values=repetition where="capacity!=0|1|unbounded" |
    awk -F'\t' '!/^#/ && NF && $1 ~ /^[0-9]+$/ { if (best == "" || $2 > best) { best = $2; v = $1 } } END { print v }')

# ---------------------------------------------------------------------------------------------
# Chart 1: throughput by capacity (crossbeam-style overview).
chart_throughput() {
    local dat="$work/throughput.dat" vars="$work/throughput.vars.gp" shapes
    # For each workload, the producers x consumers shape run most often at the common size.
    shapes=$(agg "$bench" keys=workload,producers,consumers,impl,capacity values=repetition where="message_bytes=$size_mode;workload=seq|spsc|mpsc|mpmc" |
        awk -F'\t' '!/^#/ && NF { k = $1 "\t" $2 "\t" $3; c[k]++; if (!(k in o)) { o[k] = ++n; K[n] = k } }
                    END { for (i = 1; i <= n; i++) { split(K[i], f, "\t"); if (!(f[1] in best) || c[K[i]] > c[best[f[1]]]) best[f[1]] = K[i] }
                          for (w in best) print best[w] }')
    agg "$bench" keys=impl,workload,producers,consumers,capacity values=ns_per_msg block=impl \
        where="message_bytes=$size_mode;workload=seq|spsc|mpsc|mpmc" > "$work/tp.raw"
    printf '%s\n' "$shapes" > "$work/tp.shapes"
    # Keep each workload's chosen shape; number the rows: slot = position of (workload, impl).
    awk -F'\t' -v capn="$cap_n" -v shapes="$work/tp.shapes" '
        BEGIN { while ((getline l < shapes) > 0) { split(l, s, "\t"); SH[s[1]] = s[2] "\t" s[3] }
                split("seq spsc mpsc mpmc", WO, " "); for (i = 1; i <= 4; i++) WI[WO[i]] = i }
        /^#/ || NF == 0 { next }
        (($2 in SH) && SH[$2] == $3 "\t" $4) {
            cap = $5; panel = (cap == "0") ? 1 : (cap == "1") ? 2 : (cap == capn) ? 3 : (cap == "unbounded") ? 4 : 0
            if (!panel || $7 == "NaN") next
            if (!($1 in IMPLI)) { IMPLI[$1] = ++ni; IMPL[ni] = $1 }
            W[WI[$2]] = $2 " " $3 "×" $4
            row[++nr] = IMPLI[$1] "\t" WI[$2] "\t" panel "\t" $7 "\t" $8 "\t" $9
            HAS[panel, WI[$2]] = 1
        }
        END {
            if (nr == 0) exit 0
            nw = 0; for (i = 1; i <= 4; i++) if (i in W) { nw++; WPOS[i] = nw }
            gap = 1.5; per = ni + gap
            for (r = 1; r <= nr; r++) {
                split(row[r], f, "\t")
                if (f[1] != prev && r > 1) printf "\n\n"
                prev = f[1]
                slot = (WPOS[f[2]] - 1) * per + f[1]
                printf "%s\t%d\t%s\t%s\t%s\t%s\t%g\n", IMPL[f[1]], f[3], f[4], f[5], f[6], f[2], slot
            }
            # y tics (one per workload group), group separators, and a note where a whole group
            # has no bar in a panel (not run or unsupported there), so a gap never looks like a bug
            ticks = ""; nn = 0; ns = 0
            for (i = 1; i <= 4; i++) if (i in W) {
                centre = (WPOS[i] - 1) * per + (ni + 1) / 2
                ticks = ticks (ticks == "" ? "" : ", ") sprintf("\"%s\" %g", W[i], centre)
                if (WPOS[i] < nw) SEP[++ns] = (WPOS[i] - 1) * per + ni + (gap + 1) / 2
                for (p = 1; p <= 4; p++) if (!((p, i) in HAS)) { NOTEP[++nn] = p; NOTEY[nn] = centre }
            }
            printf "YTICS = \"%s\"\nYMAX = %g\n", ticks, (nw - 1) * per + ni + 0.8 > "/dev/stderr"
            printf "NSEP = %d\narray SEP[%d]\n", ns, (ns > 0 ? ns : 1) > "/dev/stderr"
            for (i = 1; i <= ns; i++) printf "SEP[%d] = %g\n", i, SEP[i] > "/dev/stderr"
            m = (nn > 0) ? nn : 1
            printf "NNOTE = %d\narray NOTE_P[%d]\narray NOTE_Y[%d]\n", nn, m, m > "/dev/stderr"
            for (i = 1; i <= nn; i++) printf "NOTE_P[%d] = %d; NOTE_Y[%d] = %g\n", i, NOTEP[i], i, NOTEY[i] > "/dev/stderr"
        }' "$work/tp.raw" > "$dat" 2> "$work/tp.ticks"
    if [ ! -s "$dat" ]; then echo "skipped throughput: no seq/spsc/mpsc/mpmc rows at $size_mode B"; return; fi
    series_vars "$dat" "$vars"
    # ticks contain quotes: pass them through a file-safe escape
    awk -F'\t' '{ print }' "$work/tp.ticks" | sed 's/^YTICS = "\(.*\)"$/YTICS = '"'"'\1'"'"'/' >> "$vars"
    awk -F'\t' '/^#/ || NF == 0 { next } { for (i = 3; i <= 5; i++) if ($i != "NaN" && $i > 0) { if (mn == "" || $i < mn) mn = $i; if ($i > mx) mx = $i } }
        END { printf "XMIN = %g\nXMAX = %g\nLOGX = %d\n", mn, mx, (mx / mn >= 30) }' "$dat" >> "$vars"
    {
        echo "DAT = $(gp_string "$dat")"
        echo "SIZE = $(gp_string "$size_mode")"
        echo "CAPN = $(gp_string "${cap_n:-N}")"
    } >> "$vars"
    plot_chart throughput 1500 1150 "$vars" "median ns/msg per implementation, capacity 0 / 1 / ${cap_n:-N} / unbounded, $size_mode B messages"
}

# pick_sweep XCOL GROUPCOLS WHERE: among groups (GROUPCOLS values) of verified rows matching WHERE,
# print the group (tab-separated) with the most distinct XCOL values, then the most (x, impl) pairs.
pick_sweep() {
    agg "$bench" keys="$2,$1,impl" values=repetition ${3:+where="$3"} |
        awk -F'\t' -v ng="$(echo "$2" | tr ',' '\n' | wc -l)" '
            /^#/ || NF == 0 { next }
            { g = $1; for (i = 2; i <= ng; i++) g = g "\t" $i; x = $(ng + 1)
              if (!((g, x) in SX)) { SX[g, x] = 1; DX[g]++ }; P[g]++; if (!(g in ORD)) ORD[g] = ++n; G[n] = g }
            END { for (i = 1; i <= n; i++) { g = G[i]; if (best == "" || DX[g] > DX[best] || (DX[g] == DX[best] && P[g] > P[best])) best = g }
                  if (best != "" && DX[best] >= 2) print best }'
}

# ---------------------------------------------------------------------------------------------
# Chart 2: scaling with producers and with consumers.
chart_scaling() {
    local vars="$work/scaling.vars.gp" gp gc c cap size p
    gp=$(pick_sweep producers consumers,capacity,message_bytes "")
    gc=$(pick_sweep consumers producers,capacity,message_bytes "")
    if [ -z "$gp" ] && [ -z "$gc" ]; then echo "skipped scaling: no producer or consumer sweep in the data"; return; fi
    : > "$vars"
    if [ -n "$gp" ]; then
        IFS=$'\t' read -r c cap size <<<"$gp"
        agg "$bench" keys=impl,producers values=msgs_per_sec block=impl where="consumers=$c;capacity=$cap;message_bytes=$size" > "$work/scale-p.dat"
        sweep_only "$work/scale-p.dat"
        series_vars "$work/scale-p.dat" "$work/scale-p.vars"
        sed 's/S_\([A-Z]*\)/P_\1/g; s/^NS /NP /' "$work/scale-p.vars" >> "$vars"
        awk -F'\t' '/^#/ || NF == 0 { next } { if (mn == "" || $2 + 0 < mn) mn = $2 + 0; if ($2 + 0 > mx) mx = $2 + 0 } END { printf "PXMIN = %g\nPXMAX = %g\n", mn, mx }' "$work/scale-p.dat" >> "$vars"
        echo "PDAT = $(gp_string "$work/scale-p.dat"); PTITLE = $(gp_string "vs producers: $c consumer(s), capacity $cap, $size B")" >> "$vars"
    else echo 'NP = 0' >> "$vars"; fi
    if [ -n "$gc" ]; then
        IFS=$'\t' read -r p cap size <<<"$gc"
        agg "$bench" keys=impl,consumers values=msgs_per_sec block=impl where="producers=$p;capacity=$cap;message_bytes=$size" > "$work/scale-c.dat"
        sweep_only "$work/scale-c.dat"
        series_vars "$work/scale-c.dat" "$work/scale-c.vars"
        sed 's/S_\([A-Z]*\)/C_\1/g; s/^NS /NC /' "$work/scale-c.vars" >> "$vars"
        awk -F'\t' '/^#/ || NF == 0 { next } { if (mn == "" || $2 + 0 < mn) mn = $2 + 0; if ($2 + 0 > mx) mx = $2 + 0 } END { printf "CXMIN = %g\nCXMAX = %g\n", mn, mx }' "$work/scale-c.dat" >> "$vars"
        echo "CDAT = $(gp_string "$work/scale-c.dat"); CTITLE = $(gp_string "vs consumers: $p producer(s), capacity $cap, $size B")" >> "$vars"
    else echo 'NC = 0' >> "$vars"; fi
    legend_vars "$work"/scale-*.dat >> "$vars"
    cat "$work"/scale-*.dat 2>/dev/null | awk -F'\t' '/^#/ || NF == 0 { next } { for (i = 4; i <= 6; i++) if ($i != "NaN" && $i > 0) { if (mn == "" || $i < mn) mn = $i; if ($i > mx) mx = $i } }
        END { printf "YMIN = %g\nYMAX = %g\nLOGY = %d\n", mn, mx, (mx / mn >= 30) }' >> "$vars"
    plot_chart scaling 1500 650 "$vars" "median msgs/s against producer count and consumer count"
}

# ---------------------------------------------------------------------------------------------
# Chart 3: capacity sweep, one panel per workload that has one.
chart_capacity() {
    local vars="$work/capacity.vars.gp" wl g p c size n=0
    : > "$vars"
    for wl in spsc mpsc mpmc; do
        g=$(pick_sweep capacity producers,consumers,message_bytes "workload=$wl") || true
        [ -n "$g" ] || continue
        IFS=$'\t' read -r p c size <<<"$g"
        n=$((n + 1))
        agg "$bench" keys=impl,capacity values=ns_per_msg block=impl where="workload=$wl;producers=$p;consumers=$c;message_bytes=$size" > "$work/cap-$n.dat"
        sweep_only "$work/cap-$n.dat"
        echo "CAP_DAT_$n = $(gp_string "$work/cap-$n.dat"); CAP_TITLE_$n = $(gp_string "$wl $p×$c, $size B messages")" >> "$vars"
    done
    if [ "$n" -eq 0 ]; then echo "skipped capacity: no workload was run at 2 or more capacities"; return; fi
    # Place capacities on a log axis: 0 (rendezvous) one step left of the smallest bounded capacity,
    # unbounded one step right of the largest, each labelled, so every point has a place.
    cat "$work"/cap-*.dat | awk -F'\t' '/^#/ || NF == 0 { next } $2 ~ /^[0-9]+$/ && $2 > 0 { if (mn == "" || $2 + 0 < mn) mn = $2 + 0; if ($2 + 0 > mx) mx = $2 + 0 }
        $2 == "0" { z = 1 } $2 == "unbounded" { u = 1 }
        { for (i = 4; i <= 6; i++) if ($i != "NaN" && $i > 0) { if (ymn == "" || $i < ymn) ymn = $i; if ($i > ymx) ymx = $i } }
        END { if (mn == "") { mn = 1; mx = 1 }
              printf "CAP_ZERO_X = %g\nCAP_UNB_X = %g\nCAP_HAS_ZERO = %d\nCAP_HAS_UNB = %d\nCAP_MIN = %g\nCAP_MAX = %g\nYMIN = %g\nYMAX = %g\nLOGY = %d\n",
                     mn / 4, mx * 4, z, u, mn, mx, ymn, ymx, (ymx / ymn >= 30) }' >> "$vars"
    for i in $(seq 1 $n); do
        awk -F'\t' -v zx="$(awk '/^CAP_ZERO_X/ { print $3 }' "$vars")" -v ux="$(awk '/^CAP_UNB_X/ { print $3 }' "$vars")" '
            /^#/ { next } NF == 0 { print; next }
            { x = ($2 == "0") ? zx : ($2 == "unbounded") ? ux : $2; print $0 "\t" x }' "$work/cap-$i.dat" > "$work/cap-$i.x"
        mv "$work/cap-$i.x" "$work/cap-$i.dat"
        series_vars "$work/cap-$i.dat" "$work/cap-$i.vars"
        sed "s/S_\([A-Z]*\)/S${i}_\1/g; s/^NS /NS$i /" "$work/cap-$i.vars" >> "$vars"
    done
    legend_vars "$work"/cap-*.dat >> "$vars"
    echo "NPANEL = $n" >> "$vars"
    plot_chart capacity 1500 600 "$vars" "median ns/msg against channel capacity (log x), $n workload(s)"
}

# ---------------------------------------------------------------------------------------------
# Chart 4: message size (ns/msg and allocations/msg).
chart_size() {
    local vars="$work/size.vars.gp" g wl p c cap
    g=$(pick_sweep message_bytes workload,producers,consumers,capacity "")
    if [ -z "$g" ]; then echo "skipped size: no configuration was run at 2 or more message sizes"; return; fi
    IFS=$'\t' read -r wl p c cap <<<"$g"
    agg "$bench" keys=impl,message_bytes values=ns_per_msg,allocs_per_msg block=impl where="workload=$wl;producers=$p;consumers=$c;capacity=$cap" > "$work/size.dat"
    sweep_only "$work/size.dat"
    series_vars "$work/size.dat" "$vars"
    legend_vars "$work/size.dat" >> "$vars"
    awk -F'\t' '/^#/ || NF == 0 { next } { if (xmn == "" || $2 + 0 < xmn) xmn = $2 + 0; if ($2 + 0 > xmx) xmx = $2 + 0
              for (i = 4; i <= 6; i++) if ($i != "NaN" && $i > 0) { if (mn == "" || $i < mn) mn = $i; if ($i > mx) mx = $i }
              for (i = 7; i <= 9; i++) if ($i != "NaN") { na++; if ($i > amx) amx = $i } }
        END { printf "XMIN = %g\nXMAX = %g\nYMIN = %g\nYMAX = %g\nLOGY = %d\nAMAX = %g\nHAS_ALLOCS = %d\n", xmn, xmx, mn, mx, (mx / mn >= 30), amx, (na > 0) }' "$work/size.dat" >> "$vars"
    echo "DAT = $(gp_string "$work/size.dat"); SUB = $(gp_string "$wl $p×$c, capacity $cap")" >> "$vars"
    plot_chart size 1500 600 "$vars" "median ns/msg and allocations/msg against message size ($wl $p×$c, capacity $cap)"
}

# ---------------------------------------------------------------------------------------------
# Chart 5: latency percentiles, HdrHistogram style (round trip from pingpong, one-way from spsc).
latency_dat() { # latency_dat WHERE OUT: five rows per implementation at x = 1/(1-p)
    agg "$bench_latency" keys=impl values=lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns block=impl where="$1" |
        awk -F'\t' 'BEGIN { split("2 10 100 1000 10000", X, " ") }
            /^#/ { next } NF == 0 { print; next }
            { for (k = 0; k < 5; k++) if ($(3 + 3 * k) != "NaN" && $(3 + 3 * k) > 0) print $1 "\t" X[k + 1] "\t" $(3 + 3 * k) "\t" $(4 + 3 * k) "\t" $(5 + 3 * k) }' |
        awk 'NF { if (gap && seen) printf "\n\n"; gap = 0; seen = 1; print; next } { gap = 1 }' > "$2"
}
chart_latency() {
    local vars="$work/latency.vars.gp" g cap size n=0
    : > "$vars"
    g=$(agg "$bench_latency" keys=capacity,message_bytes,impl values=lat_p50_ns where="workload=pingpong" | awk -F'\t' '!/^#/ && NF && $5 != "NaN" { c[$1 "\t" $2]++; if (!($1 "\t" $2 in o)) o[$1 "\t" $2] = ++n; k[n] = $1 "\t" $2 }
        END { for (i = 1; i <= n; i++) if (best == "" || c[k[i]] > c[best]) best = k[i]; print best }')
    if [ -n "$g" ]; then
        IFS=$'\t' read -r cap size <<<"$g"
        latency_dat "workload=pingpong;capacity=$cap;message_bytes=$size" "$work/lat-rt.dat"
        if [ -s "$work/lat-rt.dat" ]; then
            n=$((n + 1)); series_vars "$work/lat-rt.dat" "$work/lat-rt.vars"
            sed "s/S_\([A-Z]*\)/S${n}_\1/g; s/^NS /NS$n /" "$work/lat-rt.vars" >> "$vars"
            echo "LAT_DAT_$n = $(gp_string "$work/lat-rt.dat"); LAT_TITLE_$n = $(gp_string "round trip (pingpong, capacity $cap, $size B)")" >> "$vars"
        fi
    fi
    # one-way: spsc 1x1 at the common bounded capacity N if run there, else the most covered one
    g=$(agg "$bench_latency" keys=capacity,message_bytes,impl values=lat_p50_ns where="workload=spsc;producers=1;consumers=1" | awk -F'\t' -v capn="$cap_n" -v sz="$size_mode" '!/^#/ && NF && $5 != "NaN" { key = $1 "\t" $2; c[key] += 1 + 1000 * ($1 == capn && $2 == sz); if (!(key in o)) { o[key] = ++n; k[n] = key } }
        END { for (i = 1; i <= n; i++) if (best == "" || c[k[i]] > c[best]) best = k[i]; print best }')
    if [ -n "$g" ]; then
        IFS=$'\t' read -r cap size <<<"$g"
        latency_dat "workload=spsc;producers=1;consumers=1;capacity=$cap;message_bytes=$size" "$work/lat-ow.dat"
        if [ -s "$work/lat-ow.dat" ]; then
            n=$((n + 1)); series_vars "$work/lat-ow.dat" "$work/lat-ow.vars"
            sed "s/S_\([A-Z]*\)/S${n}_\1/g; s/^NS /NS$n /" "$work/lat-ow.vars" >> "$vars"
            echo "LAT_DAT_$n = $(gp_string "$work/lat-ow.dat"); LAT_TITLE_$n = $(gp_string "one-way send→receive (spsc 1×1, capacity $cap, $size B)")" >> "$vars"
        fi
    fi
    if [ "$n" -eq 0 ]; then echo "skipped latency: no pingpong or spsc rows with latency percentiles"; return; fi
    legend_vars "$work"/lat-*.dat >> "$vars"
    cat "$work"/lat-*.dat | awk -F'\t' 'NF { for (i = 3; i <= 5; i++) if ($i > 0) { if (mn == "" || $i < mn) mn = $i; if ($i > mx) mx = $i } }
        END { printf "YMIN = %g\nYMAX = %g\nNPANEL = %d\n", mn, mx, '"$n"' }' >> "$vars"
    plot_chart latency 1500 650 "$vars" "latency percentiles p50…max per implementation (HdrHistogram-style x axis)"
}

# ---------------------------------------------------------------------------------------------
# Chart 6: memory over time, one panel per family (from the memory CSVs).
chart_memory() {
    local vars="$work/memory.vars.gp" files=() f msg summary="$memdir/memory-summary.csv" fams n=0 fam
    # The latest summary names the files of its own invocation: older runs' files in the same
    # folder are history, not part of this chart.
    local listed=""
    if [ -r "$summary" ]; then
        listed=$(awk -F, '/^#/ { next } !h { for (i = 1; i <= NF; i++) if ($i == "file") c = i; h = 1; next }
                         c && $c != "" { n = split($c, p, "/"); print p[n] }' "$summary")
    fi
    for f in "$memdir"/memory-*.csv; do
        [ -e "$f" ] && [ "$(basename "$f")" != memory-summary.csv ] || continue
        if [ -n "$listed" ] && ! grep -qxF "$(basename "$f")" <<< "$listed"; then continue; fi
        files+=("$f")
    done
    if [ ${#files[@]} -eq 0 ]; then echo "skipped memory: no $memdir/memory-*.csv (run 'chanbench memory' or 'make memory')"; return; fi
    : > "$work/mem.all"
    for f in "${files[@]}"; do
        if ! msg=$(validate "$f" "memory CSV" "$MEM_COLS" "$MEM_NUM"); then echo "render: $msg (file skipped)" >&2; continue; fi
        awk -f "$lib/csv.awk" -f "$lib/memory-points.awk" "$f" >> "$work/mem.all"
    done
    [ -s "$work/mem.all" ] || { echo "skipped memory: no valid memory CSV"; return; }
    : > "$work/mem.fam"
    if [ -e "$summary" ]; then
        if msg=$(validate "$summary" "memory summary CSV" "$MEMSUM_COLS" ""); then
            agg "$summary" keys=impl,family | awk -F'\t' '!/^#/ && NF { print $1 "\t" $2 }' > "$work/mem.fam"
        else echo "render: $msg (families unknown: one panel per implementation)" >&2; fi
    fi
    # Panels: by family (from the summary), else by implementation. Series: one per impl x capacity,
    # sorted by palette order, bounded before unbounded. Data blocks are written per panel.
    awk -F'\t' -v fams="$work/mem.fam" -v styles="$work/styles.tsv" -v dir="$work" '
        BEGIN { while ((getline l < fams) > 0) { split(l, s, "\t"); FAM[s[1]] = s[2] }
                while ((getline l < styles) > 0) { split(l, s, "\t"); RK[s[1]] = s[4] + 0; COL[s[1]] = s[2] } }
        { key = $1 "\t" $2; if (!(key in SEEN)) { SEEN[key] = ++ns; SK[ns] = key } ; PTS[key] = PTS[key] $3 "\t" $4 "\n" }
        END {
            for (i = 1; i <= ns; i++) { split(SK[i], p, "\t"); fam = (p[1] in FAM) ? FAM[p[1]] : p[1]
                ORDK[i] = sprintf("%04d\001%s\001%04d\001%s", 0, fam, RK[p[1]], (p[2] == "unbounded") ? "1" : "0" sprintf("%012d", p[2])) "\002" i
                FAMOF[i] = fam }
            # panel order: by the smallest palette rank inside each family
            for (i = 1; i <= ns; i++) { split(SK[i], p, "\t"); f = FAMOF[i]; if (!(f in FR) || RK[p[1]] < FR[f]) FR[f] = RK[p[1]] }
            for (i = 1; i <= ns; i++) { split(ORDK[i], q, "\001"); ORDK[i] = sprintf("%04d", FR[FAMOF[i]]) "\001" q[2] "\001" q[3] "\001" q[4] }
            n = ns; for (i = 1; i <= n; i++) A[i] = ORDK[i]
            for (gap = int(n / 2); gap > 0; gap = int(gap / 2)) for (i = gap + 1; i <= n; i++) { t = A[i]; for (j = i; j > gap && A[j - gap] > t; j -= gap) A[j] = A[j - gap]; A[j] = t }
            np = 0
            for (r = 1; r <= n; r++) {
                i = substr(A[r], index(A[r], "\002") + 1) + 0; split(SK[i], p, "\t"); f = FAMOF[i]
                if (!(f in PI)) { PI[f] = ++np; PNAME[np] = f; cnt[np] = 0; IMPLS[np] = ""; HASFAM[np] = (p[1] in FAM) }
                k = PI[f]; cnt[k]++
                if (index(" " IMPLS[k] " ", " " p[1] " ") == 0) IMPLS[k] = IMPLS[k] (IMPLS[k] == "" ? "" : ", ") p[1]
                file = dir "/mem-" k ".dat"
                if (cnt[k] > 1) printf "\n\n" >> file
                printf "%s", PTS[SK[i]] >> file
                V[k, cnt[k]] = sprintf("M%d_NAME[%d] = \"%s\"; M%d_COLOR[%d] = \"%s\"; M%d_BOUNDED[%d] = %d", k, cnt[k], p[1] ((p[2] == "unbounded") ? " unbounded" : " bounded(" p[2] ")"), k, cnt[k], (p[1] in COL) ? COL[p[1]] : "#808080", k, cnt[k], p[2] != "unbounded")
            }
            printf "NPANEL = %d\n", np
            for (k = 1; k <= np; k++) {
                printf "NM%d = %d\narray M%d_NAME[%d]\narray M%d_COLOR[%d]\narray M%d_BOUNDED[%d]\n", k, cnt[k], k, cnt[k], k, cnt[k], k, cnt[k]
                for (j = 1; j <= cnt[k]; j++) print V[k, j]
                printf "MEM_DAT_%d = \"%s/mem-%d.dat\"\nMEM_TITLE_%d = \"%s\"\n", k, dir, k, k, (HASFAM[k]) ? "family " PNAME[k] " (" IMPLS[k] ")" : PNAME[k]
            }
        }' "$work/mem.all" > "$vars"
    n=$(awk '/^NPANEL/ { print $3 }' "$vars")
    local cols=$(( n <= 1 ? 1 : n <= 4 ? 2 : 3 )); local rows=$(( (n + cols - 1) / cols ))
    echo "LCOLS = $cols; LROWS = $rows" >> "$vars"
    plot_chart memory $((cols * 650 + 100)) $((rows * 430 + 110)) "$vars" "allocated MiB against time, bounded vs unbounded, $n panel(s) by family"
}

# ---------------------------------------------------------------------------------------------
# Chart 7: comparison NEW/BASE per configuration (compare CSV of `chanbench compare --format csv`).
chart_compare() {
    local vars="$work/compare.vars.gp" msg
    if [ ! -e "$compare" ]; then echo "skipped compare: no $compare (write one with: chanbench compare BASE.csv NEW.csv --format csv > $compare)"; return; fi
    if ! msg=$(validate "$compare" "compare CSV" "$CMP_COLS" "$CMP_NUM"); then echo "render: $msg (chart skipped)" >&2; return; fi
    # one panel per metric; rows worst first (highest ratio), rows without a ratio (missing/new) last
    awk -f "$lib/csv.awk" -f "$lib/compare-rows.awk" -v dir="$work" "$compare" > "$vars"
    local total np
    total=$(awk '/^NTOTAL/ { print $3 }' "$vars"); np=$(awk '/^NPANEL/ { print $3 }' "$vars")
    plot_chart compare 1300 $((60 + 30 * total + 93 * np + 55)) "$vars" "NEW/BASE median ratio with confidence interval per configuration, coloured by verdict"
}

chart_throughput
chart_scaling
chart_capacity
chart_size
chart_latency
chart_memory
chart_compare
exit $status
