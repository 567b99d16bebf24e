# Chart 6 — memory over time: jemalloc allocated bytes against time from `chanbench memory` (fast
# producers, slow consumer, then the drain), one panel per family; solid = unbounded, dashed =
# bounded, same colour per implementation as everywhere. A bounded channel should stay flat near
# its baseline while an unbounded one grows with the backlog.
load LIB."/setup.gp"
load VARS

set xlabel "time since run start (s)"
set ylabel "allocated (MiB, jemalloc)"
set yrange [0:*]
set xrange [0:*]
set key inside top right samplen 3 font ",10" box lc rgb "#cccccc"
# headroom above the data so the legend (top right) never covers a line
set offsets 0, 0, graph 0.45, 0
set multiplot layout LROWS,LCOLS title "Memory over time: bounded stays flat, unbounded grows with the backlog (solid = unbounded, dashed = bounded)" font ",14" margins 0.07,0.98,0.08,0.9 spacing 0.07,0.12
do for [k = 1:NPANEL] {
    eval sprintf("NMK = NM%d; FILE = MEM_DAT_%d; set title MEM_TITLE_%d", k, k, k)
    eval sprintf("plot for [j = 1:NMK] FILE index j - 1 using 1:2 with lines lw 2 dt dashof(M%d_BOUNDED[j]) lc rgb M%d_COLOR[j] title M%d_NAME[j]", k, k, k)
}
unset multiplot
