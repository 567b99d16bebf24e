# Chart 8 — results history: per configuration, its figure over commits on one machine class
# (one point per commit: the median of its repetitions), the detected change points marked by a
# red dashed line before the first commit after the shift, labelled with the commit and the size
# (after/before). One panel per configuration, each on its own y scale (configurations differ by
# orders of magnitude; a shift is a ratio).
# Data: one block per panel, rows: commit label, x (1...n), median.
load LIB."/setup.gp"
load VARS
set multiplot layout ROWS,COLS title sprintf("Results history: %s, oldest commit left (class %s; red: change points)", YLABEL, CLASS) font ",13" margins 0.05,0.985,0.06,0.92 spacing 0.06,0.12
set format y "%g"
do for [i = 1:NP] {
    set title P_TITLE[i] font ",8"
    set xrange [0.5:P_N[i] + 0.5]
    set xtics () rotate by 60 right font ",8"
    unset arrow
    unset label
    do for [j = 1:NCP] {
        if (CP_PANEL[j] == i) {
            set arrow from CP_X[j] - 0.5, graph 0 to CP_X[j] - 0.5, graph 1 nohead dt 2 lw 2 lc rgb "#d62728"
            set label CP_LABEL[j] at CP_X[j] - 0.4, graph 0.93 left font ",9" textcolor rgb "#d62728"
        }
    }
    plot DAT index i - 1 using 2:3:xtic((int(column(2)) - 1) % P_STEP[i] == 0 ? stringcolumn(1) : "") with linespoints lw 2 pt 7 ps 0.7 lc rgb "#1f77b4"
}
unset multiplot
