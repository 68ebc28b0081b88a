#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temporary folder, listening
# only on a unix socket and 127.0.0.1, DATABASE_URL exported, and the cluster removed afterwards.
#   scripts/with-postgres.sh pytest -m "not browser"
set -euo pipefail

bindir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
workdir=$(mktemp -d /tmp/cms-pg.XXXXXX)
datadir="$workdir/data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

as_owner() {
  # PostgreSQL refuses to run as root: run its tools as the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$(id -u)" -eq 0 ]; then chown postgres "$workdir"; fi
chmod 700 "$workdir"

cleanup() {
  as_owner "$bindir/pg_ctl" -D "$datadir" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

as_owner "$bindir/initdb" -D "$datadir" --auth=trust --username=postgres --encoding=UTF8 \
  --locale=C.UTF-8 >/dev/null
as_owner "$bindir/pg_ctl" -D "$datadir" -w -l "$workdir/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $workdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/cms"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
