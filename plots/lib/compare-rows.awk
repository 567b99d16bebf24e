# Prepares chart 7 from a compare CSV (issue 6 contract), by header name:
#   awk -f plots/lib/csv.awk -f plots/lib/compare-rows.awk -v dir=WORKDIR FILE > VARS
# Writes one data file per metric (dir/cmp-<k>.dat: y, ratio, ci_low, ci_high, verdict, colour as an
# integer for `lc rgb variable`, no-ratio flag, quoted label), worst (highest ratio) at the top and
# configurations without a ratio (missing/new) at the bottom; prints gnuplot variables on stdout.
BEGIN {
    FS = "\n"
    # verdict colours (decimal 0xRRGGBB): regression red, improvement green, unchanged grey,
    # inconclusive orange, failed black, missing/new blue (drawn as text, they have no ratio)
    COL["regression"] = 14034728; COL["improvement"] = 2924588; COL["unchanged"] = 8355711
    COL["inconclusive"] = 16744206
    COL["failed"] = 0; COL["missing"] = 2062260; COL["new"] = 2062260
}
/^#/ { next }
/^[ \t\r]*$/ { next }
!h { csv_header($0); h = 1; next }
{
    sub(/\r$/, ""); csv_split($0, F)
    m = col("metric"); if (!(m in MI)) { MI[m] = ++nm; MN[nm] = m }
    k = MI[m]; r = ++NROWS[k]
    lab = col("impl") " " col("workload") " " col("producers") "×" col("consumers") " cap " col("capacity") " " col("message_bytes") " B"
    if (col("driver") != "") lab = lab " (" col("driver") ")"
    rt = col("ratio"); v = col("verdict")
    SORT[k, r] = (is_num(rt) ? sprintf("0%020.6f", 1000 - rt) : "1" v) "\001" r
    ROW[k, r] = lab "\t" (is_num(rt) ? rt : "NaN") "\t" (is_num(col("ci_low")) ? col("ci_low") : "NaN") "\t" (is_num(col("ci_high")) ? col("ci_high") : "NaN") "\t" v "\t" ((v in COL) ? COL[v] : 16711935)
}
END {
    printf "NPANEL = %d\n", nm
    for (k = 1; k <= nm; k++) {
        n = NROWS[k]; for (i = 1; i <= n; i++) A[i] = SORT[k, i]
        sort_strings(A, n)
        file = dir "/cmp-" k ".dat"
        for (i = 1; i <= n; i++) {
            r = substr(A[i], index(A[i], "\001") + 1) + 0; split(ROW[k, r], f, "\t")
            gsub(/"/, "'", f[1])
            printf "%d\t%s\t%s\t%s\t%s\t%s\t%s\t\"%s\"\n", n - i + 1, f[2], f[3], f[4], f[5], f[6], (f[2] == "NaN") ? 1 : 0, f[1] > file
            for (j = 2; j <= 4; j++) if (f[j] != "NaN" && f[j] > 0) { if (lo == "" || f[j] + 0 < lo) lo = f[j] + 0; if (f[j] + 0 > hi) hi = f[j] + 0 }
        }
        close(file)
        printf "CMP_DAT_%d = \"%s\"\nCMP_TITLE_%d = \"metric: %s\"\nCMP_N_%d = %d\n", k, file, k, MN[k], k, n
        total += n
    }
    if (lo == "") { lo = 1; hi = 1 }
    printf "RLO = %g\nRHI = %g\nNTOTAL = %d\n", lo, hi, total
}
