# Common gnuplot setup for every ChannelBench chart. The chart scripts `load` it after
# `chanbench report` has defined FMT ("png" or "svg"), OUT (output path without extension), W and
# H (pixels), and VARS (the chart's variables; data files are read from the current folder).
# Data rows of line and bar charts: label, x, median, min, max, lossy (0/1), then extras.
if (FMT eq "svg") {
    set terminal svg size W,H dynamic noenhanced font "DejaVu Sans,13" background rgb "white"
    set output OUT.".svg"
} else {
    set terminal pngcairo size W,H noenhanced font "DejaVu Sans,11" background rgb "white"
    set output OUT.".png"
}
set encoding utf8
# data files are tab-separated: labels ("0 (rendezvous)", configuration names) contain spaces
set datafile separator "\t"
set grid xtics ytics mxtics mytics lc rgb "#e4e4e4" lw 1 lt 1, lc rgb "#f2f2f2" lw 1 lt 1
set border lc rgb "#444444"
set tics textcolor rgb "#222222"
set key noautotitle
set style fill solid 0.85 border -1

# Human time labels for axes in nanoseconds: 1 ns ... 100 s.
nslabel(v) = v >= 1e9 ? sprintf("%g s", v / 1e9) : v >= 1e6 ? sprintf("%g ms", v / 1e6) : v >= 1e3 ? sprintf("%g µs", v / 1e3) : sprintf("%g ns", v)
NS_TICS = ""
do for [k = 0:11] { NS_TICS = NS_TICS . sprintf('"%s" %.0f,', nslabel(10.0**k), 10.0**k) }
NS_TICS = NS_TICS[1:strlen(NS_TICS) - 1]
# Byte labels for message sizes: 8 B, 64 B, 1 KiB, 64 KiB, 1 MiB.
bytelabel(v) = v >= 1048576 ? sprintf("%g MiB", v / 1048576.0) : v >= 1024 ? sprintf("%g KiB", v / 1024.0) : sprintf("%g B", v)
# Line dash for a series: dashed for references, solid for Swift implementations.
dashof(ref) = ref ? 2 : 1
# One legend per chart, below the panels, listing every implementation the chart shows (arrays
# K_NAME/K_COLOR/K_REF from chanbench report). Add `@LEGEND_LINES` to the first panel's plot command only:
# its entries plot nothing (NaN), so the legend can never cover data.
LEGEND_KEY = "set key at screen 0.5, 0.012 center bottom vertical maxrows 4 reverse Left samplen 3 spacing 1.15 width 1 font ',11' box lc rgb '#bbbbbb'"
LEGEND_LINES = "for [i = 1:NK] NaN with linespoints lw 2 pt 7 ps 0.8 dt dashof(K_REF[i]) lc rgb K_COLOR[i] title (K_REF[i] ? K_NAME[i].' (reference)' : K_NAME[i])"
# Decade bounds for log axes, widened a hair so the boundary tic (e.g. "10 ns") is still drawn.
lo10(v) = 10.0**floor(log10(v) + 1e-9) * 0.999
hi10(v) = 10.0**ceil(log10(v) - 1e-9) * 1.001
# Configurations that lost messages: circled on line charts, with one legend entry saying so.
LOSSY_LINES = "NaN with points pt 6 ps 2.2 lw 2 lc rgb '#000000' title (ANY_LOSSY ? 'circled: LOSSY (lost messages)' : '')"
