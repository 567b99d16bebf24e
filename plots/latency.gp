# Chart 5 — latency distribution, HdrHistogram style: x is the percentile on a 1/(1-p) log scale
# (50 %, 90 %, 99 %, 99.9 %, then the maximum), y the latency (log). Left: ping-pong round trip;
# right: one-way send→receive of spsc runs (closed loop, so it includes time queued in the buffer).
# Points are medians over repetitions of each percentile, bars min–max.
# Data columns: percentile label, x, median, min, max, lossy.
load LIB."/setup.gp"
load VARS

set logscale x
set xrange [1.6:14000]
set xtics ("50%%" 2, "90%%" 10, "99%%" 100, "99.9%%" 1000, "max" 10000)
set logscale y
set yrange [lo10(YMIN):hi10(YMAX)]
eval "set ytics (".NS_TICS.")"
set mytics 10
set xlabel "percentile (scale: 1/(1−p))"
set ylabel "latency (median of repetitions; bars: min–max)"
set multiplot layout 1,NPANEL title "Latency by percentile (lower is better; dashed = Go/Rust reference)" font ",14" margins 0.07,0.985,0.24,0.86 spacing 0.07
do for [k = 1:NPANEL] {
    eval sprintf("NSK = NS%d; FILE = LAT_DAT_%d; set title LAT_TITLE_%d", k, k, k)
    if (k == 1) { @LEGEND_KEY } else { unset key }
    eval sprintf("plot for [i = 1:NSK] FILE index i - 1 using 2:3:4:5 with yerrorlines lw 2 pt 7 ps 0.8 dt dashof(S%d_REF[i]) lc rgb S%d_COLOR[i], for [i = 1:NSK] FILE index i - 1 using 2:($6 > 0 ? $3 : NaN) with points pt 6 ps 2.2 lw 2 lc rgb '#000000'%s", k, k, (k == 1 ? ", ".LEGEND_LINES.", ".LOSSY_LINES : ""))
}
unset multiplot
