# Chart 3 — capacity sweep: median ns per message against the channel's capacity (log x), one panel
# per workload. Capacity 0 (rendezvous) sits one step left of the smallest buffer and `unbounded`
# one step right of the largest, separated by dotted lines: they are not points of the log scale.
load LIB."/setup.gp"
load VARS

set logscale x
set xrange [CAP_ZERO_X / 1.6:CAP_UNB_X * 1.6]
if (LOGY) {
    set logscale y; set yrange [lo10(YMIN):hi10(YMAX)]; eval "set ytics (".NS_TICS.")"; set mytics 10
} else {
    set yrange [0:YMAX * 1.1]
}
set xtics () rotate by -35 font ",10"
set xlabel "channel capacity (messages; log scale)"
set ylabel "ns per message (median; bars: min–max)"
if (CAP_HAS_ZERO) { set arrow 1 from CAP_ZERO_X * 2, graph 0 to CAP_ZERO_X * 2, graph 1 nohead dt 3 lc rgb "#999999" }
if (CAP_HAS_UNB) { set arrow 2 from CAP_UNB_X / 2, graph 0 to CAP_UNB_X / 2, graph 1 nohead dt 3 lc rgb "#999999" }
set multiplot layout 1,NPANEL title "Capacity sweep: cost per message against buffer size (lower is better; dashed = Go/Rust reference)" font ",14" margins 0.06,0.96,0.3,0.88 spacing 0.05
do for [k = 1:NPANEL] {
    eval sprintf("NSK = NS%d; FILE = CAP_DAT_%d; set title CAP_TITLE_%d", k, k, k)
    if (k == 1) { @LEGEND_KEY } else { unset key; set ylabel " " }
    eval sprintf("plot for [i = 1:NSK] FILE index i - 1 using 7:4:5:6:xtic(strcol(2) eq 'unbounded' ? 'unbounded' : strcol(2) eq '0' ? '0 (rendezvous)' : strcol(2)) with yerrorlines lw 2 pt 7 ps 0.8 dt dashof(S%d_REF[i]) lc rgb S%d_COLOR[i]%s", k, k, (k == 1 ? ", ".LEGEND_LINES : ""))
}
unset multiplot
