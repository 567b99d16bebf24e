#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for the results-store tests: initdb into a fresh
# temporary folder, the server listening only on a unix socket in that folder (no TCP port, no
# system service), databases t1..tN for the tests, then it waits until its stdin closes (the
# test process ended, however it ended) or it is told to stop (SIGTERM/SIGINT/SIGHUP), stops the
# server and removes the folder.
#
#   throwaway-postgres.sh --check        prints the server binaries' folder; exit 77 and the
#                                        reason when they are missing
#   throwaway-postgres.sh [DATABASES]    prints "ready <socket folder> <user>" once the server
#                                        accepts connections, then holds it (default 4 databases)
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to `nobody` (setpriv). The
# server asks for SIGQUIT (immediate shutdown) when this script dies, so even a SIGKILL of the
# script leaves no server behind. Binaries: $PG_BIN, else the newest /usr/lib/postgresql/*/bin,
# else initdb on PATH.
set -euo pipefail

find_bin() {
    local dir
    if [ -n "${PG_BIN:-}" ]; then
        [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/postgres" ] && { echo "$PG_BIN"; return 0; }
        return 1
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ] && { echo "$dir"; return 0; }
    done
    dir=$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || echo /nonexistent)")")
    [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ] && { echo "$dir"; return 0; }
    return 1
}

if ! bin=$(find_bin); then
    echo "PostgreSQL server binaries (initdb, postgres) not found in \$PG_BIN, /usr/lib/postgresql/*/bin or PATH; install Debian's postgresql (scripts/install-deps.sh)"
    exit 77
fi
if [ "${1:-}" = "--check" ]; then echo "$bin"; exit 0; fi
databases=${1:-4}
user=chanbench

# As root, everything the server touches belongs to nobody; setpriv also sets the server's
# parent-death signal after dropping privileges (a uid change clears one set before).
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    as_owner=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups --)
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/chanbench-pg.XXXXXX")
server=""
holder=""
cleanup() {
    trap - EXIT INT TERM HUP
    if [ -n "$holder" ]; then kill "$holder" 2>/dev/null || true; fi
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -INT "$server" 2>/dev/null || true   # fast shutdown: ends sessions, no checkpoint wait
        for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
if [ "$(id -u)" -eq 0 ]; then chown nobody "$dir"; fi
chmod 700 "$dir"

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { echo "initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
# fsync and friends off: the cluster lives for one test run.
"${as_owner[@]}" setpriv --pdeathsig SIGQUIT -- "$bin/postgres" -D "$dir/data" -k "$dir" -c listen_addresses= \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=40 </dev/null >"$dir/server.log" 2>&1 &
server=$!
ready=""
for _ in $(seq 300); do
    kill -0 "$server" 2>/dev/null || break
    if "$bin/pg_isready" -q -h "$dir" -U "$user" -d postgres 2>/dev/null; then ready=1; break; fi
    sleep 0.1
done
if [ -z "$ready" ]; then
    echo "the throwaway PostgreSQL server did not accept connections within 30 s:" >&2
    cat "$dir/server.log" >&2
    exit 1
fi
for i in $(seq "$databases"); do
    "$bin/createdb" -h "$dir" -U "$user" "t$i"
done
echo "ready $dir $user"
# Hold the cluster until stdin closes or a signal arrives: `cat` in the background, so the
# trap runs as soon as a signal arrives (bash runs traps between commands, and `wait` is one).
exec 3<&0
cat <&3 >/dev/null &
holder=$!
wait "$holder" || true
