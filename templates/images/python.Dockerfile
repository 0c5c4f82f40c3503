# Python from Debian's own packages (python3, pip, venv, `python`) on a Debian base: the local python runtime.
# The version is the suite's: bullseye 3.9, bookworm 3.11, trixie 3.13, testing moves (read `python3 -V`).
ARG BASE=stagebisect/debian:bookworm
FROM ${BASE}
LABEL stagebisect.image=python
# An ARG, not an ENV: build steps need it, the app's environment should not carry it.
ARG DEBIAN_FRONTEND=noninteractive
# The apt lists stay in the image on purpose (no rm -rf /var/lib/apt/lists): a later phase layer that adds
# Debian packages installs at once instead of paying for apt-get update. When the lists are stale (a package
# was replaced on the mirror since the base was built) or absent (a registry base), update once and retry.
RUN pkgs="python3 python3-pip python3-venv python-is-python3"; \
    apt-get install -y -q --no-install-recommends $pkgs \
    || { apt-get update -q && apt-get install -y -q --no-install-recommends $pkgs; }
# Debian marks its Python externally managed (PEP 668): without PIP_BREAK_SYSTEM_PACKAGES, `pip install`
# refuses to run outside a venv, which no app's own Dockerfile expects. Older pips ignore variables they
# do not know. PIP_ROOT_USER_ACTION drops a warning that every install as root prints into the logs.
ENV PYTHONUNBUFFERED=1 \
    PIP_BREAK_SYSTEM_PACKAGES=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore
CMD ["python3"]
