# PostgreSQL from Debian's packages (the suite's major) on a Debian base, configured by POSTGRES_* as the
# official image is. Build context: this folder (for postgres-entrypoint.sh).
ARG BASE=stagebisect/debian:trixie
FROM ${BASE}
LABEL stagebisect.image=postgres
ARG DEBIAN_FRONTEND=noninteractive
# No 'main' cluster from the package: it would run initdb for a cluster nobody uses.
# The binaries sit in /usr/lib/postgresql/MAJOR/bin: link them onto PATH without naming the major.
# Stale or missing apt lists: update once and retry, as in python.Dockerfile.
RUN mkdir -p /etc/postgresql-common/createcluster.d \
 && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/stagebisect.conf \
 && { apt-get install -y -q --no-install-recommends postgresql \
      || { apt-get update -q && apt-get install -y -q --no-install-recommends postgresql; }; } \
 && ln -s /usr/lib/postgresql/*/bin/* /usr/local/bin/ \
 && install -d -o postgres -g postgres /var/run/postgresql
USER postgres
# initdb once here; each start copies this cluster. C.UTF-8 keeps the encoding UTF8 where no locale is
# installed (plain C would give SQL_ASCII). --no-sync: the data is thrown away with the container.
RUN initdb --pgdata=/var/lib/postgresql/template --username=postgres --no-sync \
      --encoding=UTF8 --locale=C.UTF-8 --auth=trust >/dev/null
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
EXPOSE 5432
# SIGTERM is a smart shutdown that waits until every client has disconnected; SIGINT is the fast one.
STOPSIGNAL SIGINT
ENTRYPOINT ["sh", "/usr/local/bin/postgres-entrypoint.sh"]
