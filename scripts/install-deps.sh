#!/usr/bin/env bash
# Installs the system packages ChannelBench needs on a fresh Debian machine:
# jemalloc (allocation statistics), gnuplot (charts), chromium (the report check), SQLite and
# PostgreSQL (the results history) and valgrind (instruction counts). As root it runs apt-get;
# otherwise it prints the exact command and fails, rather than guessing.
set -euo pipefail
need=()
pkg-config --exists jemalloc 2>/dev/null || need+=(libjemalloc-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v gnuplot >/dev/null 2>&1 || need+=(gnuplot-nox)
# headless Chromium renders report.html in `make test-charts`
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# SQLite headers for the results history store (GRDB links the system library).
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
command -v valgrind >/dev/null 2>&1 || need+=(valgrind)
# libpq for the PostgreSQL results store; the server binaries for its tests' throwaway cluster
# (scripts/throwaway-postgres.sh; no system service is used).
pkg-config --exists libpq 2>/dev/null || need+=(libpq-dev)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
if [ "${#need[@]}" -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then
    echo "install-deps: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${need[@]}" >&2
else
    echo "install-deps: missing ${need[*]}; run: sudo apt-get install -y ${need[*]}" >&2
    exit 1
fi
