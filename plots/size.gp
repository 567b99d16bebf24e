# Chart 4 — message size: median ns per message (left) and allocations per message (right) against
# the message size in bytes (log x). Small messages travel inline, large ones are heap-backed, so
# both copy cost and allocation cost show. Allocation counts come from jemalloc; references (Go,
# Rust) do not report them.
load LIB."/setup.gp"
load VARS

set logscale x 2
set xrange [XMIN / 1.5:XMAX * 1.5]
set xtics () font ",10"
set xlabel "message size (bytes; log scale)"
set multiplot layout 1,2 title sprintf("Message size: cost and allocations per message (%s; dashed = Go/Rust reference)", SUB) font ",14" margins 0.07,0.985,0.24,0.88 spacing 0.08
set title "time per message (lower is better)"
if (LOGY) {
    set logscale y; set yrange [lo10(YMIN):hi10(YMAX)]; eval "set ytics (".NS_TICS.")"; set mytics 10
} else {
    set yrange [0:YMAX * 1.1]
}
set ylabel "ns per message (median; bars: min–max)"
@LEGEND_KEY
plot for [i = 1:NS] DAT index i - 1 using 2:4:5:6:xtic(bytelabel(column(2))) with yerrorlines lw 2 pt 7 ps 0.8 dt dashof(S_REF[i]) lc rgb S_COLOR[i], @LEGEND_LINES
unset key
unset logscale y
set ytics auto
set mytics default
set yrange [0:(AMAX > 0 ? AMAX * 1.15 : 1)]
set format y "%g"
set ylabel "heap allocations per message (jemalloc, median)"
set title (HAS_ALLOCS ? "heap allocations per message (lower is better; not measured for Go/Rust references)" : "allocations per message: not reported in this data")
plot for [i = 1:NS] DAT index i - 1 using 2:7:8:9:xtic(bytelabel(column(2))) with yerrorlines lw 2 pt 7 ps 0.8 dt dashof(S_REF[i]) lc rgb S_COLOR[i]
unset multiplot
