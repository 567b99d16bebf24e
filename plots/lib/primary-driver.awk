# Keeps, for each implementation, only the rows of its most used driver (most verified rows) (threads, tasks, ...), so a
# chart line or bar never mixes repetitions from two drivers. Reads the bench CSV twice:
#   awk -f plots/lib/csv.awk -f plots/lib/primary-driver.awk FILE FILE > FILTERED
# Comment lines and the header pass through. Dropped drivers are reported on stderr, one line each.
BEGIN { FS = "\n" }
FNR == 1 { pass++; seen = 0 }
/^#/ { if (pass == 2) print; next }
/^[ \t\r]*$/ { next }
!seen { seen = 1; if (pass == 1) csv_header($0); else print; next }
pass == 1 { sub(/\r$/, ""); csv_split($0, F); N[col("impl"), col("driver")] += (col("verified") == "true") ? 1000000 : 1; if (!((col("impl"), col("driver")) in D)) { D[col("impl"), col("driver")] = 1; DRV[col("impl")] = DRV[col("impl")] " " col("driver") } ; next }
pass == 2 {
    if (!done) {
        done = 1
        for (impl in DRV) {
            n = split(substr(DRV[impl], 2), ds, " "); best = ""
            for (i = 1; i <= n; i++) if (best == "" || N[impl, ds[i]] > N[impl, best]) best = ds[i]
            KEEP[impl] = best
            for (i = 1; i <= n; i++) if (ds[i] != best) printf "render: note: %s also ran with driver %s (%d verified rows); charts show its %s rows only\n", impl, ds[i], int(N[impl, ds[i]] / 1000000), best > "/dev/stderr"
        }
    }
    line = $0; sub(/\r$/, "", line); csv_split(line, F)
    if (col("driver") == KEEP[col("impl")]) print line
}
