#!/usr/bin/env bash
# Runs Examples/CustomChannel — a separate package that depends on ChannelBench by relative
# path, declares its own channel for the `chanbench` plugin and has no main — through the
# plugin: a quick verify, a tiny run whose CSV must hold verified rows of the example's
# channel, and a report. So the "plug in your own channel" path never rots.
# BUDGET (seconds, default 10) bounds the verify. Results go to a scratch folder, removed after.
set -euo pipefail
cd "$(dirname "$0")/.."
example=Examples/CustomChannel
scratch=$(mktemp -d /tmp/chanbench-example.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
chanbench() { swift package --package-path "$example" --allow-writing-to-package-directory chanbench "$@"; }

chanbench verify --quick --budget "${BUDGET:-10}"
chanbench run --impl nscondition,condvar --workload spsc --capacity 16 --messages 20000 \
  --repetitions 2 --warmup 1 --mode throughput --output "$scratch/run.csv"
# Every measured row of the user's channel verified, read by header name.
awk -F, '
  /^#/ { next }
  !header { for (i = 1; i <= NF; i++) col[$i] = i; header = 1; next }
  $col["impl"] == "nscondition" { rows++; if ($col["verified"] != "true") bad++ }
  END {
    if (rows == 0 || bad > 0) { printf "error: run.csv has %d nscondition rows, %d not verified\n", rows, bad > "/dev/stderr"; exit 1 }
    printf "check-example: %d verified nscondition rows\n", rows
  }' "$scratch/run.csv"
# The report of that run, drawn with the ChannelBench checkout's gnuplot scripts (the plugin
# names them).
chanbench report --bench "$scratch/run.csv" --out "$scratch/report"
test -s "$scratch/report/report.md"
test -s "$scratch/report/throughput.png"
