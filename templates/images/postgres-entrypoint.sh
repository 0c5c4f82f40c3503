#!/bin/sh
# Starts Debian's PostgreSQL as the official image does: POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB.
# Runs as the postgres user (the image's USER). Every start initialises a fresh, throwaway data directory.
set -eu
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
data=${PGDATA:-/var/lib/postgresql/stagebisect}

if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
  echo "postgres-entrypoint: POSTGRES_PASSWORD is empty; set it (or POSTGRES_HOST_AUTH_METHOD=trust)" >&2
  exit 1
fi

rm -rf "$data"
mkdir -p "$data"
pwfile=$(mktemp)
printf '%s\n' "${POSTGRES_PASSWORD:-}" > "$pwfile"
# The data is thrown away with the container, so initdb skips fsync (--no-sync), and so does the server.
# C.UTF-8 keeps the encoding UTF8 where no locale is installed (plain C would give SQL_ASCII).
initdb --pgdata="$data" --username="$user" ${POSTGRES_PASSWORD:+--pwfile="$pwfile"} --no-sync \
  --encoding=UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host="$auth" >/dev/null
rm -f "$pwfile"
echo "host all all all $auth" >> "$data/pg_hba.conf"

# The database is created in single-user mode, with no server listening, so nothing outside can connect
# before the final server is up: unlike the official image, there is no temporary server and no restart.
if [ "$db" != postgres ]; then
  quoted_db=$(printf '%s' "$db" | sed 's/"/""/g')
  quoted_user=$(printf '%s' "$user" | sed 's/"/""/g')
  # Single-user mode exits 0 even when a statement fails: look for the error in its log instead.
  log=$(echo "CREATE DATABASE \"$quoted_db\" OWNER \"$quoted_user\";" \
    | postgres --single -j -D "$data" -c fsync=off postgres 2>&1 >/dev/null)
  case "$log" in *ERROR:*) echo "$log" >&2; exit 1 ;; esac
fi

echo "postgres-entrypoint: database \"$db\" owned by \"$user\" initialised in $data"
# exec: postgres becomes PID 1 and receives the stop signal itself (STOPSIGNAL SIGINT: fast shutdown).
exec postgres -D "$data" -c listen_addresses='*' -c port=5432 \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off "$@"
