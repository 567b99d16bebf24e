# Chart 6 — memory over time: jemalloc allocated bytes against time from `chanbench memory` (fast
# producers, slow consumer, then the drain), one panel per family, every panel on the same y scale;
# solid = unbounded, dashed = bounded, same colour per implementation as everywhere. Triangles mark
# when the producers finished, squares when the drain finished, crosses what was still allocated
# after the drain (also in each legend entry). A bounded channel should stay flat near its baseline while an
# unbounded one grows with the backlog.
load LIB."/setup.gp"
load VARS

set xlabel "time since run start (s)"
set ylabel "allocated (MiB, jemalloc)"
set yrange [0:YMAX]
set xrange [0:XMAX * 1.02]
set key inside top right samplen 3 font ",10" nobox opaque
set multiplot layout LROWS,LCOLS title "Memory over time, one scale for all panels (solid = unbounded, dashed = bounded; ▲ producers done, ■ drain done, ✕ kept after drain)" font ",14" margins 0.07,0.98,0.1,TOPM spacing 0.08,0.14
do for [k = 1:NPANEL] {
    eval sprintf("NMK = NM%d; FILE = MEM_DAT_%d; MARKS = MEM_MARKS_%d; set title MEM_TITLE_%d", k, k, k, k)
    eval sprintf("plot for [j = 1:NMK] FILE index j - 1 using 1:2 with lines lw 2 dt dashof(M%d_BOUNDED[j]) lc rgb M%d_COLOR[j] title M%d_NAME[j], for [j = 1:NMK] MARKS index j - 1 using 1:($3 == 1 ? $2 : NaN) with points pt 9 ps 1.8 lc rgb M%d_COLOR[j], for [j = 1:NMK] MARKS index j - 1 using 1:($3 == 2 ? $2 : NaN) with points pt 5 ps 1.5 lc rgb M%d_COLOR[j], for [j = 1:NMK] MARKS index j - 1 using 1:($3 == 3 ? $2 : NaN) with points pt 2 ps 2 lw 2 lc rgb M%d_COLOR[j]", k, k, k, k, k, k)
}
unset multiplot
