#!/usr/bin/env bash
# Builds Examples/DependentBench — a separate package depending on the Channels product by
# path, as a user's package does — with a plain `swift build -c release` (no
# cross-module-optimization flag: what every user gets) and runs its allocation gate: exits
# non-zero, with an `error:` line naming the configuration, if any gated configuration
# allocates more than 0.01 times per message in the steady state.
# Extra arguments go to DependentBench (e.g. --reps 5, --only condvar, --strict).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --package-path Examples/DependentBench
Examples/DependentBench/.build/release/DependentBench --check-allocations "$@"
