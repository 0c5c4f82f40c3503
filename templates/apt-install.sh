#!/bin/sh
# Installs Debian packages in one image layer. Package lists are refreshed only when the image has none
# (registry images ship without them) or when an install fails on stale lists, so cached bases stay fast.
set -e
if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
  apt-get update
fi
if ! apt-get install -y --no-install-recommends "$@"; then
  echo "stagebisect: retrying after refreshing the package lists" >&2
  apt-get update
  apt-get install -y --no-install-recommends "$@"
fi
# Downloaded archives only bloat the layer.
apt-get clean
