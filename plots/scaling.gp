# Chart 2 — scaling: median messages per second against the number of producers (left) and of
# consumers (right), one line per implementation, error bars min–max of repetitions. The fixed
# parameters (other side's thread count, capacity, message size) are in each panel title. Only
# measured thread counts get a tick, and a line breaks where a series skipped one.
# Data columns: count label, x, median, min, max, lossy.
load LIB."/setup.gp"
load VARS

if (LOGY) {
    set logscale y; set yrange [lo10(YMIN):hi10(YMAX)]
} else {
    set yrange [0:YMAX * 1.1]
}
set format y "%.0s%c"
set ylabel "messages per second (median; bars: min–max)"
set logscale x 2
set multiplot layout 1,2 title "Scaling on this machine: throughput against thread count (higher is better; dashed = Go/Rust reference)" font ",14" margins 0.07,0.985,0.24,0.86 spacing 0.07
if (NP > 0) {
    set xrange [PXMIN / 1.25:PXMAX * 1.25]
    eval "set xtics (".PXTICS.")"
    set xlabel "producer threads/tasks"
    set title PTITLE
    @LEGEND_KEY
    plot for [i = 1:NP] PDAT index i - 1 using 2:3:4:5 with yerrorlines lw 2 pt 7 ps 0.9 dt dashof(P_REF[i]) lc rgb P_COLOR[i], \
         for [i = 1:NP] PDAT index i - 1 using 2:($6 > 0 ? $3 : NaN) with points pt 6 ps 2.2 lw 2 lc rgb "#000000", @LEGEND_LINES, @LOSSY_LINES
    unset key
} else {
    set title "no producer sweep in this data"; unset key; set xrange [1:2]; set xlabel "producer threads/tasks"; plot NaN
}
if (NC > 0) {
    set xrange [CXMIN / 1.25:CXMAX * 1.25]
    eval "set xtics (".CXTICS.")"
    set xlabel "consumer threads/tasks"
    set title CTITLE
    if (NP == 0) { @LEGEND_KEY } else { unset key }
    plot for [i = 1:NC] CDAT index i - 1 using 2:3:4:5 with yerrorlines lw 2 pt 7 ps 0.9 dt dashof(C_REF[i]) lc rgb C_COLOR[i], \
         for [i = 1:NC] CDAT index i - 1 using 2:($6 > 0 ? $3 : NaN) with points pt 6 ps 2.2 lw 2 lc rgb "#000000", @LEGEND_LINES, @LOSSY_LINES
} else {
    set title "no consumer sweep in this data"; set xrange [1:2]; set xlabel "consumer threads/tasks"; plot NaN
}
unset multiplot
