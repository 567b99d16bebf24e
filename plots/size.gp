# Chart 4 — message size: median ns per message (left) and allocations per message (right) against
# the message size in bytes (log x). The baseline (null: no channel) is drawn first, thin and grey-
# dotted, so the channels' lines lie on top of it. Allocation counts come from jemalloc;
# references (Go, Rust) do not report them.
# Data columns: size label, x, median, min, max, lossy, allocs/msg (median).
load LIB."/setup.gp"
load VARS
# the baseline dotted; Swift channels solid, references dashed
sizedash(base, ref) = base ? 3 : dashof(ref)

set logscale x 2
set xrange [XMIN / 1.5:XMAX * 1.5]
set xtics () font ",10"
set xlabel "message size (bytes; log scale)"
set multiplot layout 1,2 title sprintf("Message size: cost and allocations per message (%s; dashed = Go/Rust reference)", SUB) font ",14" margins 0.07,0.985,0.24,0.86 spacing 0.08
set title "time per message (lower is better)"
if (LOGY) {
    set logscale y; set yrange [lo10(YMIN):hi10(YMAX)]; eval "set ytics (".NS_TICS.")"; set mytics 10
} else {
    set yrange [0:YMAX * 1.1]
}
set ylabel "ns per message (median; bars: min–max)"
@LEGEND_KEY
plot for [i = 1:NS] DAT index i - 1 using 2:3:4:5:xtic(bytelabel(column(2))) with yerrorlines lw (S_BASE[i] ? 1 : 2) pt 7 ps (S_BASE[i] ? 0.5 : 0.9) dt sizedash(S_BASE[i], S_REF[i]) lc rgb S_COLOR[i], \
     for [i = 1:NS] DAT index i - 1 using 2:($6 > 0 ? $3 : NaN) with points pt 6 ps 2.2 lw 2 lc rgb "#000000", @LEGEND_LINES, @LOSSY_LINES
unset key
unset logscale y
set ytics auto
set mytics default
set yrange [0:(AMAX > 0 ? AMAX * 1.15 : 1)]
set format y "%g"
set ylabel "heap allocations per message (jemalloc, median)"
set title (HAS_ALLOCS ? "heap allocations per message (lower is better; not measured for Go/Rust references)" : "allocations per message: not reported in this data")
plot for [i = 1:NS] DAT index i - 1 using 2:7:xtic(bytelabel(column(2))) with linespoints lw (S_BASE[i] ? 1 : 2) pt 7 ps 0.9 dt sizedash(S_BASE[i], S_REF[i]) lc rgb S_COLOR[i]
unset multiplot
