# Chart 7 — comparison: per configuration the ratio of medians NEW/BASE (log x, 1 = no change,
# < 1 = faster) with its confidence interval, coloured by the verdict of `chanbench compare`.
# Rows in verdict order (failed, regressions, improvements, unchanged, inconclusive, then one side
# only), at most a bounded number per metric; the panel title counts every verdict and the rest.
# Data columns: y, ratio, ci low, ci high, verdict, colour, one-side-only (0/1), label.
load LIB."/setup.gp"
load VARS

set logscale x
set xrange [LO:HI]
eval "set xtics (".XTICS.")"
set grid noytics
set ytics scale 0 font ",10"
set arrow 1 from 1, graph 0 to 1, graph 1 nohead lc rgb "#444444" lw 1.5
# Layout in pixels so every configuration row gets the same height whatever the panel count
# (chanbench report sizes the canvas with the same constants).
TOP_PX = 60; TITLE_PX = 28; ROW_PX = 28; TICS_PX = 40; GAP_PX = 30
set multiplot title "Comparison NEW vs BASE: regressions first, then improvements, then unchanged (bar: confidence interval)" font ",14"
y = H - TOP_PX
do for [k = 1:NPANEL] {
    eval sprintf("NK = CMP_N_%d; FILE = CMP_DAT_%d; set title CMP_TITLE_%d", k, k, k)
    top = y - TITLE_PX
    bot = top - ROW_PX * NK
    set origin 0, 0
    set size 1, 1
    set tmargin at screen top * 1.0 / H
    set bmargin at screen bot * 1.0 / H
    set lmargin at screen 0.4
    set rmargin at screen 0.97
    set yrange [0.4:NK + 0.6]
    if (k == NPANEL) { set xlabel "NEW / BASE (log scale; 1× = no change, < 1× = NEW is faster)" } else { unset xlabel }
    if (k == 1) {
        set key at screen 0.5, 0.005 center bottom horizontal samplen 1 font ",11"
    } else { unset key }
    plot FILE using (1):1:ytic(stringcolumn(8)) with points pt -1, \
         FILE using 2:1:3:4:6 with xerrorbars pt 7 ps 1.3 lw 2 lc rgb variable, \
         FILE using (column(7) == 1 ? 1 : NaN):1:(strcol(5) eq "missing" ? "  missing in NEW" : "  new (not in BASE)") with labels left font ",10" tc rgb "#1f77b4", \
         NaN with points pt 7 ps 1.3 lc rgb "#d62728" title "regression", \
         NaN with points pt 7 ps 1.3 lc rgb "#2ca02c" title "improvement", \
         NaN with points pt 7 ps 1.3 lc rgb "#7f7f7f" title "unchanged", \
         NaN with points pt 7 ps 1.3 lc rgb "#ff7f0e" title "inconclusive (one process a side)", \
         NaN with points pt 7 ps 1.3 lc rgb "#000000" title "failed (verified=false)"
    y = bot - TICS_PX - GAP_PX
}
unset multiplot
