#!/bin/sh
# Runs inside the freshly imported debootstrap root: configures apt and dpkg, then installs Debian's updates.
# usage: debian-base-configure.sh SUITE MIRROR SECURITY_MIRROR   (called by debian-base.sh)
set -eu
suite=$1 mirror=$2 security=$3
export DEBIAN_FRONTEND=noninteractive

case "$suite" in
  testing|unstable|sid) ;;  # rolling suites have no -updates, and their -security stays empty
  *) printf 'deb %s %s-updates main\ndeb %s %s-security main\n' "$mirror" "$suite" "$security" "$suite" \
       >> /etc/apt/sources.list ;;
esac

# A mirror that lags makes apt-get update fail outright (this one served testing 19 days past its
# Valid-Until). Translations are 6 MB of lists nobody reads in a container. apt-get, unlike apt, keeps every
# .deb it downloads unless told not to.
cat > /etc/apt/apt.conf.d/90stagebisect <<'CONF'
Acquire::Check-Valid-Until "false";
Acquire::Languages "none";
APT::Keep-Downloaded-Packages "false";
CONF

# As in Debian's slim images: no docs or man pages, which a test container never reads.
cat > /etc/dpkg/dpkg.cfg.d/90stagebisect <<'CONF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
CONF

# As in Debian's registry images: a package must not start its daemon while an image is built (101 tells
# invoke-rc.d that starting is forbidden); a container starts its own process.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
chmod +x /usr/sbin/policy-rc.d

apt-get update -q
apt-get upgrade -y -q
apt-get clean
find /usr/share/doc -mindepth 2 ! -name copyright ! -type d -delete
rm -rf /usr/share/man/* /usr/share/info/* "$0"
