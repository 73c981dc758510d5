#!/bin/sh
# Builds the base image the Dockerfiles start from, debian:bookworm-slim, from Debian's own packages, for a
# machine that cannot pull from a container registry (where it can, `podman pull debian:bookworm-slim` does).
# mmdebstrap writes a minimal Debian 12 (apt, dpkg, bash: no Python, no certificates) into a tarball, and
# `podman import` files it under the name a pull would give, so `FROM debian:bookworm-slim` finds it and pulls
# nothing. Its apt sources include Debian's security updates, so the images built on it get them.
#
#   sh deploy/base.sh [MIRROR [SECURITY_MIRROR]]   # default http://deb.debian.org/debian(-security)
#
# Needs (Debian): apt-get install mmdebstrap podman. About 80 MB; 30-75 s.
set -eu
MIRROR=${1:-http://deb.debian.org/debian}
SECURITY=${2:-http://deb.debian.org/debian-security}
IMAGE=${LENET_BASE_IMAGE:-docker.io/library/debian:bookworm-slim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# As Debian's own slim images: no manuals, docs or translations (dpkg skips them, in later installs too), no
# package lists (a Dockerfile's `apt-get update` fetches them), and /usr merged by mmdebstrap's own hook rather
# than by the usrmerge package, which would bring 50 MB of Perl.
mmdebstrap --quiet --variant=minbase \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    bookworm "$work/rootfs.tar" \
    "deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main" "deb $SECURITY bookworm-security main"
podman import --quiet --change 'CMD ["bash"]' "$work/rootfs.tar" "$IMAGE" >/dev/null
echo "built $IMAGE"
