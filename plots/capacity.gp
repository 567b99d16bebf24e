# Chart 3 — capacity sweep: median ns per message against the channel's capacity (log x), one panel
# per workload. Capacity 0 (rendezvous) sits one step left of the smallest buffer and `unbounded`
# one step right of the largest: they are not points of the log scale. Only measured capacities
# get a tick; a series run at one capacity is a point; lost messages are circled.
# Data columns: capacity label, x, median, min, max, lossy.
load LIB."/setup.gp"
load VARS

set logscale x
if (LOGY) {
    set logscale y; set yrange [lo10(YMIN):hi10(YMAX)]; eval "set ytics (".NS_TICS.")"; set mytics 10
} else {
    set yrange [0:YMAX * 1.1]
}
set xlabel "channel capacity (messages; log scale)"
set ylabel "ns per message (median; bars: min–max)"
set multiplot layout 1,NPANEL title "Capacity sweep: cost per message against buffer size (lower is better; dashed = Go/Rust reference)" font ",14" margins 0.07,0.97,0.36,0.88 spacing 0.05
do for [k = 1:NPANEL] {
    eval sprintf("NSK = NS%d; FILE = CAP_DAT_%d; set title CAP_TITLE_%d; XT = CAP_XTICS_%d; XA = CAP_XMIN_%d; XB = CAP_XMAX_%d", k, k, k, k, k, k)
    set xrange [XA / 1.6:XB * 1.6]
    eval "set xtics (".XT.") rotate by -35 font ',10'"
    if (k == 1) { @LEGEND_KEY } else { unset key; set ylabel " " }
    eval sprintf("plot for [i = 1:NSK] FILE index i - 1 using 2:3:4:5 with yerrorlines lw 2 pt 7 ps 0.9 dt dashof(S%d_REF[i]) lc rgb S%d_COLOR[i], for [i = 1:NSK] FILE index i - 1 using 2:($6 > 0 ? $3 : NaN) with points pt 6 ps 2.2 lw 2 lc rgb '#000000'%s", k, k, (k == 1 ? ", ".LEGEND_LINES.", ".LOSSY_LINES : ""))
}
unset multiplot
