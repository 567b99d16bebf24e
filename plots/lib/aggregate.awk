# Aggregates repetitions of a ChannelBench CSV into one line per configuration, for gnuplot.
# Use with csv.awk:  awk -f plots/lib/csv.awk -f plots/lib/aggregate.awk -v keys=... FILE
#
# Parameters (all -v):
#   keys     comma list of columns that identify a group (output first, in this order)
#   values   comma list of numeric columns; each adds `median min max` of the group's repetitions
#   where    conditions joined by ";": `col=a|b` (value is one of) or `col!=a|b` (value is none of)
#   block    optional column: groups are sorted by it first and each value starts a new gnuplot
#            data block (two blank lines), so a chart can `plot for [i=...] file index i`
#   palette  palette file; columns named `impl` are ordered as the palette lists them
#   all_rows 1 to keep rows with verified != true (default: they are excluded from every figure)
#
# Output: tab-separated, one header comment line, then `keys... n [median min max]...`.
# A value that is empty, nan or missing is left out of its group; a group with no valid value for
# a column prints NaN there (gnuplot skips NaN points, so unsupported or failed runs show as absent).

BEGIN {
    FS = "\n"
    nk = split(keys, K, ",")
    nv = (values == "") ? 0 : split(values, V, ",")
    nw = (where == "") ? 0 : split(where, W, ";")
    for (i = 1; i <= nw; i++) {
        if (match(W[i], /!=/)) { WNEG[i] = 1; WCOL[i] = substr(W[i], 1, RSTART - 1); WVAL[i] = substr(W[i], RSTART + 2) }
        else { p = index(W[i], "="); WNEG[i] = 0; WCOL[i] = substr(W[i], 1, p - 1); WVAL[i] = substr(W[i], p + 1) }
        nalt = split(WVAL[i], alts, "|")
        for (j = 1; j <= nalt; j++) WSET[i, alts[j]] = 1
    }
    nrank = 0
    if (palette != "") {
        while ((getline line < palette) > 0) {
            if (line ~ /^#/ || line ~ /^[ \t]*$/) continue
            split(line, pw, /[ \t]+/)
            if (pw[1] != "fallback" && !(pw[1] in RANK)) RANK[pw[1]] = ++nrank
        }
        close(palette)
    }
    seen_header = 0; ng = 0
}

/^#/ { next }
/^[ \t\r]*$/ { next }
!seen_header { csv_header($0); seen_header = 1; next }
{
    sub(/\r$/, "")
    csv_split($0, F)
    if (!all_rows && ("verified" in HDR) && col("verified") != "true") next
    for (i = 1; i <= nw; i++) {
        hit = ((i, col(WCOL[i])) in WSET) ? 1 : 0
        if (hit == WNEG[i]) next
    }
    g = ""
    for (i = 1; i <= nk; i++) g = g (i > 1 ? "\t" : "") col(K[i])
    if (!(g in N)) { GROUP[++ng] = g; N[g] = 0 }
    N[g]++
    for (j = 1; j <= nv; j++) {
        v = col(V[j])
        if (is_num(v)) { c = ++CNT[g, j]; VAL[g, j, c] = v + 0 }
    }
}

function impl_key(s) { return (s in RANK) ? sprintf("0%04d", RANK[s]) : "1" s }

function sort_key(g,    parts, i, k) {
    split(g, parts, "\t")
    k = ""
    if (block != "") for (i = 1; i <= nk; i++) if (K[i] == block) k = (K[i] == "impl" ? impl_key(parts[i]) : order_key(parts[i])) "\001"
    for (i = 1; i <= nk; i++) k = k (K[i] == "impl" ? impl_key(parts[i]) : order_key(parts[i])) "\001"
    return k
}

END {
    if (!seen_header) exit 0
    for (i = 1; i <= ng; i++) { SK[i] = sort_key(GROUP[i]) "\002" i; }
    sort_strings(SK, ng)
    hdr = "#"
    for (i = 1; i <= nk; i++) hdr = hdr (i > 1 ? "\t" : " ") K[i]
    hdr = hdr "\tn"
    for (j = 1; j <= nv; j++) hdr = hdr "\t" V[j] "_median\t" V[j] "_min\t" V[j] "_max"
    print hdr
    bi = 0
    for (i = 1; i <= nk; i++) if (K[i] == block) bi = i
    prev = "\003"
    for (s = 1; s <= ng; s++) {
        idx = substr(SK[s], index(SK[s], "\002") + 1) + 0
        g = GROUP[idx]
        if (bi) { split(g, parts, "\t"); if (prev != "\003" && parts[bi] != prev) printf "\n\n"; prev = parts[bi] }
        line = g "\t" N[g]
        for (j = 1; j <= nv; j++) {
            c = CNT[g, j] + 0
            if (c == 0) { line = line "\tNaN\tNaN\tNaN"; continue }
            for (k = 1; k <= c; k++) tmp[k] = VAL[g, j, k]
            sort_numbers(tmp, c)
            med = (c % 2) ? tmp[(c + 1) / 2] : (tmp[c / 2] + tmp[c / 2 + 1]) / 2
            line = line "\t" sprintf("%.6g", med) "\t" sprintf("%.6g", tmp[1]) "\t" sprintf("%.6g", tmp[c])
        }
        print line
    }
}
