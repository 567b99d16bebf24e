# Sourced by the same-run A/B scripts (compare-ab.sh, sensitivity.sh); defines ab_join.
#
# ab_join OUT CSV...: joins one side's per-round CSVs (round 1 first) into one contract-shaped
# CSV at OUT: every metadata line first (after the caller's own, AB_JOIN_HEADER),
# one header, then every row with a trailing `ab_round` column (the contract
# allows extra columns after `verified`). compare uses ab_round to take each round's process as
# one sample: repetitions inside a process share its machine state and are not independent
# evidence. The joined file ends with a `complete` trailer only if every round's file did, so
# compare refuses a join of cut-short runs.
#
# AB_JOIN_HEADER: lines (newline-separated) written first, e.g. "# ab_side: base".
ab_join() {
    local out="$1"; shift
    local csvs=("$@") round complete=1 rows=0 n
    {
        if [[ -n "${AB_JOIN_HEADER:-}" ]]; then printf '%s\n' "$AB_JOIN_HEADER"; fi
        for csv in "${csvs[@]}"; do grep '^#' "$csv" | grep -v '^# status:' || true; done
        echo "$(awk '!/^#/ { print; exit }' "${csvs[0]}" | tr -d '\r'),ab_round"
        round=0
        for csv in "${csvs[@]}"; do
            round=$((round + 1))
            grep -v '^#' "$csv" | tail -n +2 | tr -d '\r' | sed "s/\$/,$round/"
            [[ "$(tail -n 1 "$csv")" == "# status: complete rows="* ]] || complete=0
            n="$(grep -v '^#' "$csv" | tail -n +2 | wc -l)"
            rows=$((rows + n))
        done
        if (( complete )); then echo "# status: complete rows=$rows"; fi
    } >"$out"
}
