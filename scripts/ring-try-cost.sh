#!/usr/bin/env bash
# Cost of RingChannel's try operations, before and after a change, in ONE process run side by
# side: the ring at BASE (default HEAD) is compiled in as `OldRingChannel` next to the ring in
# the working tree, and the two alternate round by round, so machine load hits both alike.
# Only the ring and what it needs (contract, sync primitives, C shims) are compiled (swiftc -O,
# whole module), not the package.
# Usage: scripts/ring-try-cost.sh [BASE-ref]; env ROUNDS (7).
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-HEAD}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
srcs=(Sources/Channels/Contract/BlockingChannel.swift Sources/Channels/Contract/ChannelCapacity.swift
      Sources/Channels/Contract/ChannelResults.swift Sources/Channels/Flavors/Ring/RingChannel.swift
      Sources/Channels/Flavors/Ring/RingSlots.swift Sources/Channels/Sync/*.swift)
git show "$base:Sources/Channels/Flavors/Ring/RingChannel.swift" \
  | sed -e 's/\bRingChannel\b/OldRingChannel/g' -e 's/\bRingAttempt\b/OldRingAttempt/g' \
        -e 's/\bRingClaim\b/OldRingClaim/g' > "$tmp/OldRingChannel.swift"
clang -O2 -c Sources/CChannelsShims/shims.c -I Sources/CChannelsShims/include -o "$tmp/shims.o"
swiftc -O -wmo -module-name RingTryCost -package-name RingTryCost -I Sources/CChannelsShims/include \
  "${srcs[@]}" "$tmp/OldRingChannel.swift" scripts/ring-try-cost/main.swift scripts/ring-try-cost/Stubs.swift "$tmp/shims.o" \
  -o "$tmp/ring-try-cost" 2> "$tmp/build.log" || { cat "$tmp/build.log" >&2; exit 1; }
echo "base: $(git rev-parse --short "$base") (old), working tree (new); load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" >&2
ROUNDS="${ROUNDS:-7}" "$tmp/ring-try-cost"
