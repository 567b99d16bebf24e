# Chart 1 — throughput by capacity: the crossbeam-style overview. Four panels (capacity 0, 1, N,
# unbounded); in each, one horizontal bar per implementation and workload (seq/spsc/mpsc/mpmc) of the
# median ns per message, whiskers min–max of the repetitions. Unsupported or unrun combinations
# leave a gap (never a zero bar); a workload with no bar at all in a panel says so in grey.
# References (Go, Rust) are hatched; configurations that lost messages are cross-hatched, outlined
# in black and labelled LOSSY: their figure is not a delivery rate.
# Data columns: workload, slot (y), median, min, max, lossy, panel.
load LIB."/setup.gp"
load VARS

if (LOGX) {
    XLO = lo10(XMIN); XHI = hi10(XMAX * 1.02)
    set logscale x; eval "set xtics (".NS_TICS.")"; set mxtics 10
} else {
    XLO = 0; XHI = XMAX * 1.08
}
set xrange [XLO:XHI]
set yrange [YMAX:-0.2]
eval "set ytics (".YTICS.")"
set ytics scale 0 font ",11"
set grid noytics nomytics
do for [j = 1:NSEP] { set arrow j from graph 0, first SEP[j] to graph 1, first SEP[j] nohead lc rgb "#bbbbbb" lw 1 }
PT(p) = p == 1 ? "capacity 0 (rendezvous)" : p == 2 ? "capacity 1" : p == 3 ? "capacity ".CAPN : "unbounded"
NAMEOF(i) = S_REF[i] ? S_NAME[i]." (reference)" : S_NAME[i]

set multiplot layout 2,2 title sprintf("Throughput by channel capacity: median ns per message, %s-byte messages (shorter bar = faster)", SIZE) font ",14" margins 0.1,0.985,0.2,0.92 spacing 0.06,0.09
do for [p = 1:4] {
    set title PT(p) font ",13"
    unset label
    do for [j = 1:NNOTE] { if (NOTE_P[j] == p) { set label j "not run at this capacity (or unsupported)" at graph 0.02, first NOTE_Y[j] left tc rgb "#999999" font ",10" } }
    do for [j = 1:NLOSSY] { if (LOSSY_P[j] == p) { set label 1000 + j " LOSSY" at first LOSSY_X[j], first LOSSY_Y[j] left font ",9" tc rgb "#000000" front } }
    if (p >= 3) { set xlabel (LOGX ? "ns per message (log scale; whiskers: min–max)" : "ns per message (whiskers: min–max)") } else { unset xlabel }
    if (p == 1) {
        set key at screen 0.5, 0.012 center bottom vertical maxrows 4 reverse Left samplen 2 spacing 1.1 width 1 font ",11" box lc rgb "#bbbbbb"
    } else { unset key }
    plot for [i = 1:NS] DAT index i - 1 using (column(7) == p && !S_REF[i] && $6 == 0 ? $3 : NaN):2:(XLO):3:($2 - 0.42):($2 + 0.42) with boxxyerror fs solid 0.85 border lc rgb S_COLOR[i] lc rgb S_COLOR[i], \
         for [i = 1:NS] DAT index i - 1 using (column(7) == p && S_REF[i] && $6 == 0 ? $3 : NaN):2:(XLO):3:($2 - 0.42):($2 + 0.42) with boxxyerror fs pattern 4 border lc rgb S_COLOR[i] lc rgb S_COLOR[i], \
         for [i = 1:NS] DAT index i - 1 using (column(7) == p && $6 > 0 ? $3 : NaN):2:(XLO):3:($2 - 0.42):($2 + 0.42) with boxxyerror fs pattern 2 border lc rgb "#000000" lc rgb S_COLOR[i], \
         for [i = 1:NS] DAT index i - 1 using (column(7) == p ? $3 : NaN):2:4:5 with xerrorbars pt -1 lc rgb "#333333" lw 1, \
         for [i = 1:NS] NaN with boxes fs solid 0.85 border lc rgb S_COLOR[i] lc rgb S_COLOR[i] title (p == 1 && !S_REF[i] ? NAMEOF(i) : ""), \
         for [i = 1:NS] NaN with boxes fs pattern 4 border lc rgb S_COLOR[i] lc rgb S_COLOR[i] title (p == 1 && S_REF[i] ? NAMEOF(i) : ""), \
         NaN with boxes fs pattern 2 border lc rgb "#000000" lc rgb "#888888" title (p == 1 && ANY_LOSSY ? "LOSSY (lost messages)" : "")
}
unset multiplot
