#!/bin/sh
# Builds the three base images compose.yaml needs — Node 24, PostgreSQL, Caddy — from Debian's
# packages and the npm registry, for hosts that cannot reach Docker Hub (an insurer's build
# network often reaches only its own Debian and npm mirrors). Needs root (debootstrap) and Docker.
#
#   sudo deploy/offline/build-base-images.sh
#   export NODE_IMAGE=outpost-offline/node:24 POSTGRES_IMAGE=outpost-offline/postgres:15 \
#          CADDY_IMAGE=outpost-offline/caddy:2
#   docker compose -p outpost up -d --build
#
# Sources: DEBIAN_MIRROR (default deb.debian.org) and NPM_REGISTRY (default registry.npmjs.org).
# EXTRA_CA_CERTS (default: NODE_EXTRA_CA_CERTS, which Node on this host already trusts): a PEM
# file with the CA of a proxy that inspects TLS; it is trusted by the Node image (npm ci in Outpost's Dockerfile goes through that proxy). Re-running reuses the Debian
# root image; the three builds are cached layers.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
prefix=${OFFLINE_PREFIX:-outpost-offline}
base="$prefix/debian:bookworm"

if ! docker image inspect "$base" >/dev/null 2>&1; then
  command -v debootstrap >/dev/null || { echo "debootstrap is needed: apt-get install debootstrap" >&2; exit 1; }
  rootfs=$(mktemp -d)
  echo "== Debian bookworm root file system from $mirror"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
  tar -C "$rootfs" -c . | docker import - "$base" >/dev/null
  rm -rf "$rootfs"
fi

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
cp "$here"/*.Dockerfile "$here"/postgres-entrypoint.sh "$context"/
: >"$context/extra-ca.crt"
extra=${EXTRA_CA_CERTS:-${NODE_EXTRA_CA_CERTS:-}}
[ -z "$extra" ] || cat "$extra" >"$context/extra-ca.crt"
for image in node:24 postgres:15 caddy:2; do
  name=${image%%:*}
  echo "== $prefix/$image"
  docker build -q --build-arg "BASE=$base" ${NPM_REGISTRY:+--build-arg "NPM_REGISTRY=$NPM_REGISTRY"} \
    -t "$prefix/$image" -f "$context/$name.Dockerfile" "$context" >/dev/null
done
echo "NODE_IMAGE=$prefix/node:24 POSTGRES_IMAGE=$prefix/postgres:15 CADDY_IMAGE=$prefix/caddy:2"
