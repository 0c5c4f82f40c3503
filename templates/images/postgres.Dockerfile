# PostgreSQL from Debian's packages (the suite's major) on a Debian base, configured by POSTGRES_* as the
# official image is. Build context: this folder (for postgres-entrypoint.sh).
ARG BASE=stagebisect/debian:trixie
FROM ${BASE}
LABEL stagebisect.image=postgres
ARG DEBIAN_FRONTEND=noninteractive
# No 'main' cluster at install time: it costs an initdb and its files, and the entrypoint makes its own.
# The binaries sit in /usr/lib/postgresql/MAJOR/bin: link them onto PATH without naming the major.
# Stale or missing apt lists: update once and retry, as in python.Dockerfile.
RUN mkdir -p /etc/postgresql-common/createcluster.d \
 && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/stagebisect.conf \
 && { apt-get install -y -q --no-install-recommends postgresql \
      || { apt-get update -q && apt-get install -y -q --no-install-recommends postgresql; }; } \
 && ln -s /usr/lib/postgresql/*/bin/* /usr/local/bin/ \
 && install -d -o postgres -g postgres /var/run/postgresql
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
USER postgres
EXPOSE 5432
# SIGTERM is a smart shutdown that waits until every client has disconnected; SIGINT is the fast one.
STOPSIGNAL SIGINT
ENTRYPOINT ["sh", "/usr/local/bin/postgres-entrypoint.sh"]
