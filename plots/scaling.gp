# Chart 2 — scaling: median messages per second against the number of producers (left) and of
# consumers (right), one line per implementation, error bars min–max of repetitions. The fixed
# parameters (other side's thread count, capacity, message size) are in each panel title.
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
set format x "%g"
set multiplot layout 1,2 title "Scaling on this machine: throughput against thread count (higher is better; dashed = Go/Rust reference)" font ",14" margins 0.07,0.985,0.24,0.88 spacing 0.07
if (NP > 0) {
    set xrange [PXMIN / 1.25:PXMAX * 1.25]
    set xlabel "producer threads/tasks"
    set title PTITLE
    @LEGEND_KEY
    plot for [i = 1:NP] PDAT index i - 1 using 2:4:5:6 with yerrorlines lw 2 pt 7 ps 0.8 dt dashof(P_REF[i]) lc rgb P_COLOR[i], @LEGEND_LINES
    unset key
} else {
    set title "no producer sweep in this data"; unset key; set xrange [1:2]; set xlabel "producer threads/tasks"; plot NaN
}
if (NC > 0) {
    set xrange [CXMIN / 1.25:CXMAX * 1.25]
    set xlabel "consumer threads/tasks"
    set title CTITLE
    if (NP == 0) { @LEGEND_KEY } else { unset key }
    plot for [i = 1:NC] CDAT index i - 1 using 2:4:5:6 with yerrorlines lw 2 pt 7 ps 0.8 dt dashof(C_REF[i]) lc rgb C_COLOR[i], @LEGEND_LINES
} else {
    set title "no consumer sweep in this data"; set xrange [1:2]; set xlabel "consumer threads/tasks"; plot NaN
}
unset multiplot
