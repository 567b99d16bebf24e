#!/usr/bin/env bash
# Runs the Go and Rust references into one CSV, results/reference-<UTC>.csv
# (relative to the repo root), and copies it to results/reference-latest.csv.
# Usage: run.sh SUITE [extra chanbench flags, e.g. --messages 100000]
# Both binaries must be built (make -C reference build). Exits non-zero if
# either reference fails verification, after writing every row it has.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
suite="${1:?usage: run.sh SUITE [flags]}"
shift
mkdir -p "$root/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$root/results/reference-$stamp.csv"
go_bin="$here/go/chanbench-go"
rust_bin="$here/rust/target/release/chanbench-rust"
for b in "$go_bin" "$rust_bin"; do
    [ -x "$b" ] || { echo "reference: $b is not built; run: make -C reference build" >&2; exit 2; }
done
rust_cmd="chanbench-rust --suite $suite${*:+ $*} --output $out"

cd "$root" # so git_commit in the metadata is the repo's
status=0
"$go_bin" --suite "$suite" "$@" --output "$out" \
    --meta "rustc_version=$(rustc --version 2>/dev/null || echo unknown)" \
    --meta "cargo_version=$(${CARGO:-cargo} --version 2>/dev/null || echo unknown)" \
    --meta "also_command=$rust_cmd (appends the Rust rows)" || status=$?
"$rust_bin" --suite "$suite" "$@" --output "$out" || status=$?
cp "$out" "$root/results/reference-latest.csv"
echo "reference: wrote $out (copy: results/reference-latest.csv)" >&2
exit "$status"
