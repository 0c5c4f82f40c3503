#!/bin/sh
# Builds the Debian base image stagebisect/debian:SUITE from Debian's mirror alone (debootstrap, no registry).
# usage (as root, debootstrap and docker on PATH): debian-base.sh SUITE [TAG] [MIRROR]
#   STAGEBISECT_LABEL=key=value labels the throwaway container and image, so a crashed build can be found.
set -eu
suite=$1
tag=${2:-stagebisect/debian:$suite}
mirror=${3:-http://deb.debian.org/debian}
# Security updates live beside the main archive on the same host (deb.debian.org/debian-security).
security=${STAGEBISECT_SECURITY_MIRROR:-${mirror%/debian}/debian-security}
label=${STAGEBISECT_LABEL:-stagebisect.image=base-build}
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

# Configure apt and bring in point-release and security updates inside a container (no chroot mounts to
# leave behind), then flatten it with export | import so the lists that debootstrap wrote are not stored twice.
cid=$(docker create --label "$label" -e "SUITE=$suite" -e "MIRROR=$mirror" -e "SECURITY=$security" "$raw" sh -ec '
  export DEBIAN_FRONTEND=noninteractive
  case "$SUITE" in
    testing|unstable|sid) ;;  # rolling suites have no -updates, and their -security is empty
    *) printf "deb %s %s-updates main\ndeb %s %s-security main\n" "$MIRROR" "$SUITE" "$SECURITY" "$SUITE" \
         >> /etc/apt/sources.list ;;
  esac
  # Mirrors that lag (this one served testing 19 days past Valid-Until) make apt-get update fail outright.
  # Translations are skipped: 6 MB of lists nobody reads in a container.
  cat > /etc/apt/apt.conf.d/90stagebisect <<EOF
Acquire::Check-Valid-Until "false";
Acquire::Languages "none";
APT::Keep-Downloaded-Packages "false";
EOF
  # As in Debian slim images: no docs or man pages, which a test container never reads.
  cat > /etc/dpkg/dpkg.cfg.d/90stagebisect <<EOF
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
EOF
  apt-get update -q
  apt-get upgrade -y -q
  apt-get clean
  find /usr/share/doc -mindepth 2 ! -name copyright ! -type d -delete
  rm -rf /usr/share/man/* /usr/share/info/*
')
docker start -a "$cid"
version=$(docker cp "$cid:/etc/debian_version" - | tar -xO)
# The apt lists stay in the image: later layers install packages without a slow apt-get update.
docker export "$cid" | docker import \
  --change "LABEL stagebisect.image=base" \
  --change "LABEL stagebisect.debian.suite=$suite" \
  --change "LABEL stagebisect.debian.version=$version" \
  --change 'CMD ["bash"]' - "$tag"
