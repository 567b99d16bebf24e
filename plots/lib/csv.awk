# Shared CSV helpers for the ChannelBench chart pipeline (POSIX awk; Debian's default is mawk).
#
# Every ChannelBench CSV starts with `# key: value` metadata lines, then ONE header line, then data
# rows. Readers must look columns up by header name (the contracts allow extra trailing columns),
# so programs call csv_header() on the first non-comment line and then use col("name").
#
# Fields are split on commas; a field in double quotes may contain commas and doubled quotes ("").

# Splits `line` into out[1..n]; returns n.
function csv_split(line, out,    n, i, c, field, inq, len) {
    if (index(line, "\"") == 0) return split(line, out, ",")
    n = 0; field = ""; inq = 0; len = length(line)
    for (i = 1; i <= len; i++) {
        c = substr(line, i, 1)
        if (inq) {
            if (c == "\"") {
                if (substr(line, i + 1, 1) == "\"") { field = field "\""; i++ }
                else inq = 0
            } else field = field c
        } else if (c == "\"") inq = 1
        else if (c == ",") { out[++n] = field; field = "" }
        else field = field c
    }
    out[++n] = field
    return n
}

# Remembers the header: HDR[name] = column index, HDRN = column count.
function csv_header(line,    i, names) {
    sub(/\r$/, "", line)
    HDRN = csv_split(line, names)
    for (i = 1; i <= HDRN; i++) { gsub(/^[ \t]+|[ \t]+$/, "", names[i]); HDR[names[i]] = i; HDRNAME[i] = names[i] }
}

# Value of column `name` in the current split row F[]; "" if the file has no such column.
function col(name) { return (name in HDR) ? F[HDR[name]] : "" }

# True if s is a finite decimal number (what the contracts write); "", "nan", "inf" are not.
function is_num(s) { return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ }

# Sorts keys a[1..n] (strings) ascending in place (shell sort: no asort() in mawk).
function sort_strings(a, n,    gap, i, j, t) {
    for (gap = int(n / 2); gap > 0; gap = int(gap / 2))
        for (i = gap + 1; i <= n; i++) {
            t = a[i]
            for (j = i; j > gap && a[j - gap] > t; j -= gap) a[j] = a[j - gap]
            a[j] = t
        }
}

# Sorts numbers v[1..n] ascending in place.
function sort_numbers(v, n,    gap, i, j, t) {
    for (gap = int(n / 2); gap > 0; gap = int(gap / 2))
        for (i = gap + 1; i <= n; i++) {
            t = v[i]
            for (j = i; j > gap && v[j - gap] + 0 > t + 0; j -= gap) v[j] = v[j - gap]
            v[j] = t
        }
}

# A sort key that orders numbers numerically, then `unbounded`, then other strings.
function order_key(s) {
    if (is_num(s)) return sprintf("0%022.6f", s + 0)
    if (s == "unbounded") return "1"
    return "2" s
}
