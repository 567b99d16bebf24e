# Extracts the points of chart 6 from one memory CSV (issue 4 contract), by header name:
#   awk -f plots/lib/csv.awk -f plots/lib/memory-points.awk FILE
# Output, tab-separated: impl, capacity, seconds since run start, allocated MiB.
BEGIN { FS = "\n"; OFS = "\t" }
/^#/ { next }
/^[ \t\r]*$/ { next }
!h { csv_header($0); h = 1; next }
{
    sub(/\r$/, ""); csv_split($0, F)
    if (!is_num(col("t_ms")) || !is_num(col("allocated_bytes"))) next
    print col("impl"), col("capacity"), col("t_ms") / 1000, col("allocated_bytes") / 1048576
}
