# Validates a ChannelBench CSV before anything is plotted, so a bad file gives ONE clear line
# instead of a stack of gnuplot warnings. Use with csv.awk:
#   awk -f plots/lib/csv.awk -f plots/lib/validate.awk -v what="bench CSV" \
#       -v required=impl,family,... -v numeric=ns_per_msg,... -v file=PATH PATH
# Checks: a header line exists and names every required column; every data row has as many fields
# as the header; numeric columns hold numbers (empty or nan = "not measured" is allowed); at least
# one data row; the file ends with `# status: complete rows=N` (the trailer chanbench writes when
# it finished; `-v accept_partial=1` accepts an interrupted or cut-short file). Prints
# `<file>: <problem>` on stdout and exits 1 on the first problem; silent if ok.

BEGIN { FS = "\n"; seen = 0; rows = 0; nreq = split(required, REQ, ","); nnum = (numeric == "") ? 0 : split(numeric, NUM, ",") }
# Trailer: the last non-blank line must say complete; an interrupted block anywhere (files joined
# with cat) makes the whole file partial.
/^#[ \t]*status:/ { last_status = $0; if ($0 ~ /interrupted/) interrupted = $0; next }
/^#/ { last_status = ""; next }
/^[ \t\r]*$/ { next }
!seen {
    csv_header($0); seen = 1; missing = ""
    nmiss = 0
    for (i = 1; i <= nreq; i++) if (!(REQ[i] in HDR)) { nmiss++; if (nmiss <= 4) missing = missing (missing == "" ? "" : ", ") REQ[i] }
    if (nmiss > 4) missing = sprintf("%d of its %d columns (%s, ...)", nmiss, nreq, missing)
    else missing = "column(s) " missing
    if (nmiss > 0) { printf "%s: not a ChannelBench %s: the header lacks %s\n", file, what, missing; bad = 1; exit 1 }
    next
}
{
    last_status = ""
    sub(/\r$/, "")
    n = csv_split($0, F)
    if (n != HDRN) { printf "%s: malformed %s: line %d has %d fields, the header has %d\n", file, what, NR, n, HDRN; bad = 1; exit 1 }
    for (i = 1; i <= nnum; i++) {
        v = col(NUM[i])
        if (v != "" && v != "nan" && v != "NaN" && !is_num(v)) { printf "%s: malformed %s: line %d: %s is not a number: \"%s\"\n", file, what, NR, NUM[i], v; bad = 1; exit 1 }
    }
    rows++
}
END {
    if (bad) exit 1
    if (!seen) { printf "%s: not a ChannelBench %s: no header line (empty file?)\n", file, what; exit 1 }
    if (rows == 0) { printf "%s: %s has a header but no data rows\n", file, what; exit 1 }
    if (accept_partial != 1) {
        if (interrupted != "") { sub(/^#[ \t]*/, "", interrupted); printf "%s: the run was interrupted (%s); pass --accept-partial to use it anyway\n", file, interrupted; exit 1 }
        if (last_status !~ /status: complete rows=[0-9]+/) { printf "%s: no \"# status: complete\" trailer: the run was cut short (killed, or the disk filled up); pass --accept-partial to use it anyway\n", file; exit 1 }
    }
}
