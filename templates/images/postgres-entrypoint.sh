#!/bin/sh
# Starts Debian's PostgreSQL as the official image does: POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB.
# Runs as the postgres user (the image's USER). Every start begins from a fresh copy of the cluster that
# postgres.Dockerfile initialised at build time: a copy takes 0.1-0.3 s where initdb takes 0.6-2 s here.
set -eu
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
data=${PGDATA:-/var/lib/postgresql/data}
template=/var/lib/postgresql/template

if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
  echo "postgres-entrypoint: POSTGRES_PASSWORD is empty; set it (or POSTGRES_HOST_AUTH_METHOD=trust)" >&2
  exit 1
fi

rm -rf "$data"
cp -a "$template" "$data"
printf 'local all all trust\nhost all all all %s\n' "$auth" > "$data/pg_hba.conf"

ident() { printf '"%s"' "$(printf '%s' "$1" | sed 's/"/""/g')"; }
literal() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }
if [ "$user" = postgres ]; then
  sql="ALTER ROLE postgres"
else
  # Unlike the official image, the bootstrap superuser stays 'postgres'; POSTGRES_USER is a second one.
  sql="CREATE ROLE $(ident "$user") SUPERUSER LOGIN"
fi
[ -z "${POSTGRES_PASSWORD:-}" ] || sql="$sql PASSWORD $(literal "$POSTGRES_PASSWORD")"
sql="$sql;"
# With -j below, a statement ends at a semicolon followed by an empty line, so a password may hold newlines.
[ "$db" = postgres ] || sql="$sql

CREATE DATABASE $(ident "$db") OWNER $(ident "$user");"

# Single-user mode runs the SQL with no server listening, so nothing outside can connect before the final
# server is up: unlike the official image, there is no temporary server and no restart. It exits 0 even
# when a statement fails, so the error is looked for in its log.
log=$(printf '%s\n\n' "$sql" | postgres --single -j -D "$data" -c fsync=off \
  -c password_encryption=scram-sha-256 postgres 2>&1 >/dev/null)
case "$log" in *ERROR:*) echo "$log" | grep -v PASSWORD >&2; exit 1 ;; esac

echo "postgres-entrypoint: database \"$db\" owned by \"$user\" ready to start in $data"
# exec: postgres becomes PID 1 and gets the stop signal itself (STOPSIGNAL SIGINT: a fast shutdown).
# The data is thrown away with the container, so durability is switched off for speed.
exec postgres -D "$data" -c listen_addresses='*' -c port=5432 \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off "$@"
