#!/usr/bin/env bash
# Makes sure the references can build, from Debian packages only: golang-go,
# cargo (with rustc) and librust-crossbeam-channel-dev (crossbeam's source as
# an offline cargo directory source under /usr/share/cargo/registry).
# As root it installs what is missing with apt; otherwise it prints the exact
# command and fails.
set -euo pipefail
need=()
command -v "${GO:-go}" >/dev/null 2>&1 || need+=(golang-go)
command -v "${CARGO:-cargo}" >/dev/null 2>&1 || need+=(cargo)
compgen -G "/usr/share/cargo/registry/crossbeam-channel-0.5*" >/dev/null || need+=(librust-crossbeam-channel-dev)
if [ "${#need[@]}" -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then
    echo "reference: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${need[@]}" >&2
else
    echo "reference: missing ${need[*]}; run: sudo apt-get install -y ${need[*]}" >&2
    exit 1
fi
