# Assigns every implementation its colour and draw style from plots/palette.txt (the single source).
#   awk -f plots/lib/series.awk plots/palette.txt PAIRS
# PAIRS: lines `impl<TAB>family` (any order, duplicates allowed).
# Output, palette order then unknown names alphabetically: `impl<TAB>#rrggbb<TAB>is_reference<TAB>rank`.
# Unknown names get a fallback colour chosen by a hash of the name: deterministic across runs and
# charts, so an implementation the palette does not know yet still keeps one colour everywhere.
BEGIN { FS = "\t"; nf = 0; nk = 0; alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.ABCDEFGHIJKLMNOPQRSTUVWXYZ" }
FNR == NR {
    if ($0 ~ /^#/ || $0 ~ /^[ \t]*$/) next
    split($0, w, /[ \t]+/)
    if (w[1] == "fallback") FALLBACK[++nf] = w[2]
    else if (!(w[1] in COLOR)) { COLOR[w[1]] = w[2]; RANK[w[1]] = ++nk }
    next
}
$1 != "" { if (!($1 in FAM) || $2 == "reference") FAM[$1] = $2 }
function hash(s,    i, h) { h = 7; for (i = 1; i <= length(s); i++) h = (h * 31 + index(alphabet, substr(s, i, 1))) % 1000003; return h }
END {
    n = 0
    for (name in FAM) KEYS[++n] = ((name in RANK) ? sprintf("0%04d", RANK[name]) : "1" name) "\001" name
    sort_strings(KEYS, n)
    for (i = 1; i <= n; i++) {
        name = substr(KEYS[i], index(KEYS[i], "\001") + 1)
        c = (name in COLOR) ? COLOR[name] : FALLBACK[hash(name) % nf + 1]
        printf "%s\t%s\t%d\t%d\n", name, c, (FAM[name] == "reference") ? 1 : 0, i
    }
}
