# Converts the Markdown that scripts/report.sh writes (headings, paragraphs, pipe tables, images,
# "- " lists, "> " quotes, `code`, **bold**, *emphasis*, whole-paragraph _notes_, raw <details>/<summary> lines) into one
# self-contained HTML page. Not a general Markdown converter: it covers exactly what the report uses.
#   awk -f plots/lib/md2html.awk -v title="ChannelBench report" report.md > report.html
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
function wrap(s, opentag, closetag, re, w,    out) {
    out = ""
    while (match(s, re)) { out = out substr(s, 1, RSTART - 1) opentag substr(s, RSTART + w, RLENGTH - 2 * w) closetag; s = substr(s, RSTART + RLENGTH) }
    return out s
}
function inline(s,    n, parts, i, out, t) {
    n = split(s, parts, "`"); out = ""
    for (i = 1; i <= n; i++) {
        if (i % 2 == 0 && i < n) { out = out "<code>" esc(parts[i]) "</code>"; continue }
        t = esc(parts[i]); if (i % 2 == 0) t = "`" t
        t = wrap(t, "<strong>", "</strong>", "\\*\\*[^*]+\\*\\*", 2)
        t = wrap(t, "<em>", "</em>", "\\*[^* ][^*]*\\*", 1)
        out = out t
    }
    return out
}
function flush_par() {
    if (par == "") return
    # a paragraph wrapped in _..._ is a note: emphasise it whole (its text may contain underscores)
    if (par ~ /^_.*_$/) print "<p><em>" inline(substr(par, 2, length(par) - 2)) "</em></p>"
    else print "<p>" inline(par) "</p>"
    par = ""
}
function flush_list() { if (inlist) { print "</ul>"; inlist = 0 } }
function flush_table(    i, j, n, cells, tag, al) {
    if (!nt) return
    print "<table>"
    for (i = 1; i <= nt; i++) {
        if (i == 2) continue
        n = split(TB[i], cells, "|")
        tag = (i == 1) ? "th" : "td"
        printf "<tr>"
        for (j = 2; j < n; j++) { c = cells[j]; gsub(/^ +| +$/, "", c); al = (j in RIGHT) ? " class=\"num\"" : ""; printf "<%s%s>%s</%s>", tag, al, inline(c), tag }
        print "</tr>"
    }
    print "</table>"
    nt = 0; delete RIGHT
}
function flush_all() { flush_par(); flush_list(); flush_table() }
BEGIN {
    print "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    print "<title>" esc(title) "</title>"
    print "<style>body{font-family:system-ui,-apple-system,'DejaVu Sans',sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
    print "table{border-collapse:collapse;margin:0.8em 0;font-size:0.9em}th,td{border:1px solid #ccc;padding:0.2em 0.5em}th{background:#f3f3f3}"
    print "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}img{max-width:100%;border:1px solid #ddd}"
    print "blockquote{border-left:4px solid #d62728;margin:1em 0;padding:0.3em 1em;background:#fff4f4}code{background:#f4f4f4;padding:0 0.2em}</style>"
    print "</head><body>"
}
{ sub(/\r$/, "") }
/^\|/ {
    flush_par(); flush_list()
    TB[++nt] = $0
    if (nt == 2) { n = split($0, cells, "|"); for (j = 2; j < n; j++) if (cells[j] ~ /-+:[ ]*$/) RIGHT[j] = 1 }
    next
}
{ flush_table() }
/^#+ / { flush_all(); match($0, /^#+/); lvl = RLENGTH; print "<h" lvl ">" inline(substr($0, lvl + 2)) "</h" lvl ">"; next }
/^!\[[^]]*\]\([^)]*\)[ ]*$/ {
    flush_all(); alt = $0; sub(/^!\[/, "", alt); sub(/\].*/, "", alt); src = $0; sub(/^[^(]*\(/, "", src); sub(/\)[ ]*$/, "", src)
    print "<p><a href=\"" src "\"><img src=\"" src "\" alt=\"" esc(alt) "\"></a></p>"; next
}
/^- / { flush_par(); if (!inlist) { print "<ul>"; inlist = 1 }; print "<li>" inline(substr($0, 3)) "</li>"; next }
/^> / { flush_all(); print "<blockquote>" inline(substr($0, 3)) "</blockquote>"; next }
/^<\/?(details|summary)/ { flush_all(); print; next }
/^[ \t]*$/ { flush_all(); next }
{ flush_list(); par = (par == "") ? $0 : par " " $0 }
END { flush_all(); print "</body></html>" }
