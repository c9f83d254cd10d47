#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: `pg_test_server.sh start [DIR]` installs Debian's
# postgresql package when no pg_ctl is found, initialises a cluster in DIR (default: a new temp
# folder), starts it on 127.0.0.1 on a free port, creates the database `uprising_test` and prints
# its URL (postgresql+psycopg://...) on stdout. `pg_test_server.sh stop DIR` stops it. Idempotent:
# starting an already running cluster only prints its URL again. The server refuses every
# connection not from loopback and trusts local ones, which is fit for tests only.
set -euo pipefail

mode="${1:-start}"
dir="${2:-}"
user="$(id -un)"

find_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    if [ "$mode" = "stop" ]; then exit 0; fi
    echo "pg_test_server: installing postgresql" >&2
    if [ "$(id -u)" -eq 0 ]; then run=(); else run=(sudo); fi
    export DEBIAN_FRONTEND=noninteractive
    "${run[@]}" apt-get update -qq >&2
    "${run[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    bin="$(find_bin)"
fi

if [ "$mode" = "stop" ]; then
    [ -n "$dir" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
    as=()
    if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
    if [ -f "$dir/data/postmaster.pid" ]; then
        "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
    fi
    exit 0
fi
[ "$mode" = "start" ] || { echo "usage: $0 start [DIR] | stop DIR" >&2; exit 2; }

dir="${dir:-$(mktemp -d /tmp/uprising-pg.XXXXXX)}"
mkdir -p "$dir"
# initdb refuses to run as root; a root caller runs the server as the unprivileged `postgres`.
as=()
if [ "$(id -u)" -eq 0 ]; then
    user=postgres
    chown -R postgres "$dir"
    as=(runuser -u postgres --)
fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --no-locale >/dev/null
fi
if [ -f "$dir/port" ]; then
    port="$(cat "$dir/port")"
else
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    echo "$port" > "$dir/port"
fi
if ! "${as[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >&2
fi
if ! "${as[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'uprising_test'" | grep -q 1; then
    "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" uprising_test
fi
echo "postgresql+psycopg://$user@127.0.0.1:$port/uprising_test"
