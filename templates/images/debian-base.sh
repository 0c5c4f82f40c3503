#!/bin/sh
# Builds the Debian base image stagebisect/debian:SUITE from Debian's mirror alone (debootstrap, no registry).
# usage (as root, debootstrap and docker on PATH): debian-base.sh SUITE [TAG] [MIRROR]
#   STAGEBISECT_LABEL=key=value labels the throwaway container and image, so a crashed build can be found.
set -eu
suite=$1
tag=${2:-stagebisect/debian:$suite}
mirror=${3:-http://deb.debian.org/debian}
# Security updates sit beside the main archive on the same host (deb.debian.org/debian-security).
security=${STAGEBISECT_SECURITY_MIRROR:-${mirror%/debian}/debian-security}
label=${STAGEBISECT_LABEL:-stagebisect.image=base-build}
here=$(cd "$(dirname "$0")" && pwd)
raw="$tag-raw"
root=$(mktemp -d /tmp/stagebisect-debian-XXXXXX)
cid=""
cleanup() {
  [ -z "$cid" ] || docker rm -f "$cid" >/dev/null 2>&1 || true
  docker rmi "$raw" >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

debootstrap --variant=minbase --include=ca-certificates "$suite" "$root" "$mirror"
tar -C "$root" -c . | docker import --change "LABEL $label" - "$raw" >/dev/null

# Updates go in through a container rather than a chroot (no /proc mounts to leave behind if killed), and
# export | import flattens the result so the lists that debootstrap wrote are not stored twice.
cid=$(docker create --label "$label" "$raw" sh /configure.sh "$suite" "$mirror" "$security")
docker cp "$here/debian-base-configure.sh" "$cid:/configure.sh"
docker start -a "$cid"
version=$(docker cp "$cid:/etc/debian_version" - | tar -xO)
# The apt lists stay in the image: later layers install packages without waiting for apt-get update.
docker export "$cid" | docker import \
  --change "LABEL stagebisect.image=base" \
  --change "LABEL stagebisect.debian.suite=$suite" \
  --change "LABEL stagebisect.debian.version=$version" \
  --change 'CMD ["bash"]' - "$tag"
