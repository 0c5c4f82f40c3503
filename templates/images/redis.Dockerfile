# Redis from Debian's redis-server package (the suite's major) on a Debian base: a throwaway cache for tests.
ARG BASE=stagebisect/debian:trixie
FROM ${BASE}
LABEL stagebisect.image=redis
ARG DEBIAN_FRONTEND=noninteractive
# redis-tools (redis-cli) comes with redis-server, for `redis-cli ping` readiness from inside.
# Stale or missing apt lists: update once and retry, as in python.Dockerfile.
RUN apt-get install -y -q --no-install-recommends redis-server \
    || { apt-get update -q && apt-get install -y -q --no-install-recommends redis-server; }
USER redis
# Writable by redis, should an app ask for BGSAVE; the root directory is not.
WORKDIR /var/lib/redis
EXPOSE 6379
# Reachable from other containers without a password, and nothing written to disk: the data is throwaway.
CMD ["redis-server", "--protected-mode", "no", "--bind", "0.0.0.0", "--save", "", "--appendonly", "no"]
