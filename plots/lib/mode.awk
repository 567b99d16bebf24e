# Keeps the rows one chart family may use, by the bench CSV's `mode` column: ns/msg and
# msgs/s charts read `throughput` rows (no clock on the hot path), latency charts `latency`
# rows; a suite writes both for the same configurations, and a median over both would mix two
# instruments. Files without the column (older chanbench) pass through whole.
#   awk -f plots/lib/csv.awk -f plots/lib/mode.awk -v mode=throughput FILE > FILTERED
/^#/ { print; next }
/^[ \t\r]*$/ { next }
!seen { seen = 1; csv_header($0); print; next }
{ line = $0; sub(/\r$/, "", line); csv_split(line, F); if (!("mode" in HDR) || col("mode") == mode) print line }
