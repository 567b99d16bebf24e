#!/usr/bin/env bash
# Builds Examples/CustomChannel — a separate package that depends on the ChannelBench library
# by relative path, conforms its own channel and calls the verify entry point — so the
# "plug in your own channel" documentation never rots. `--run` also runs its quick verify.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --package-path Examples/CustomChannel
if [[ "${1:-}" == "--run" ]]; then
  swift run --package-path Examples/CustomChannel CustomChannel --budget "${BUDGET:-10}"
fi
