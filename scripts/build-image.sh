#!/usr/bin/env bash
# Builds podguard's container image without a daemon and without pulling an image: the runtime
# root filesystem is made from Debian's signed packages (mmdebstrap, Debian 13 "trixie", whose
# nodejs is Node.js 20), podguard's npm package goes on top, and umoci writes an OCI image layout
# and an OCI archive. The same image as the Dockerfile describes: Node.js and its libraries, no
# shell, no package manager, user 65532, entrypoint `node /app/bin/podguard.js`.
#
# Usage: scripts/build-image.sh            (npm run image; as root: installs mmdebstrap and umoci)
# Environment:
#   PODGUARD_IMAGE_TAG       image tag                            (default: package.json version)
#   PODGUARD_IMAGE_REFRESH=1 rebuild the Debian root filesystem even when the cached one is fresh
#   PODGUARD_DEBIAN_MIRROR   Debian mirror                        (default: http://deb.debian.org)
# Output (git-ignored):
#   .tools/image/oci                  OCI image layout, tag $PODGUARD_IMAGE_TAG
#   .tools/image/podguard-TAG.oci.tar the same as an OCI archive (podman load, skopeo copy oci-archive:)
# Cache: .tools/image/runtime-*/ holds the Debian root filesystem, reused for a day (security
# updates reach the image at most a day late) and rebuilt when this script changes.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
started=$(date +%s)

say() { echo "== $*"; }
die() { echo "build-image: $*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || die "needs root (mmdebstrap extracts packages as root, umoci keeps their ownership); run it as root, e.g. in CI"
command -v node >/dev/null || die "node is not installed"

VERSION=$(node -p 'require("./package.json").version')
TAG=${PODGUARD_IMAGE_TAG:-$VERSION}
SUITE=trixie
MIRROR=${PODGUARD_DEBIAN_MIRROR:-http://deb.debian.org}
# The runtime user: numeric so that runAsNonRoot can be verified by the kubelet; the chart and
# deploy/ use the same uid (test/deploy/image-contract.test.ts keeps them equal).
UID_GID=65532
OUT=$REPO/.tools/image
mkdir -p "$OUT"

missing=()
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
command -v umoci >/dev/null || missing+=(umoci)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 1. The runtime root filesystem: nodejs and what it links against, from Debian packages. ---
# --variant=extract unpacks the packages and their dependencies without running maintainer
# scripts, so no shell, dpkg or apt ends up in the image. Documentation goes except the
# copyright files (the licences travel with the binaries).
key=$(sha256sum "$0" | cut -c1-12)
RUNTIME=$OUT/runtime-$SUITE-$key
if [ -n "${PODGUARD_IMAGE_REFRESH:-}" ] || [ ! -f "$RUNTIME/.complete" ] || [ -n "$(find "$RUNTIME/.complete" -mmin +1440)" ]; then
  say "Debian $SUITE root filesystem with nodejs (mmdebstrap)"
  rm -rf "$OUT"/runtime-*
  mkdir -p "$RUNTIME"
  mmdebstrap --quiet --mode=root --variant=extract --include=nodejs \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/lintian/*' --dpkgopt='path-exclude=/usr/share/bash-completion/*' \
    --skip=cleanup/apt/cache \
    "$SUITE" "$RUNTIME/rootfs" \
    "deb $MIRROR/debian $SUITE main" "deb $MIRROR/debian $SUITE-updates main" "deb $MIRROR/debian-security $SUITE-security main"
  root=$RUNTIME/rootfs
  # var/lib/dpkg/status, written from the packages extracted (the cache kept above holds exactly
  # those), lets vulnerability scanners see which Debian packages and versions the image holds.
  debs=("$root"/var/cache/apt/archives/*.deb)
  [ -f "${debs[0]}" ] || die "mmdebstrap left no packages in var/cache/apt/archives"
  for deb in "${debs[@]}"; do
    dpkg-deb --field "$deb" Package Version Architecture Source Maintainer Installed-Size Depends Pre-Depends Multi-Arch Homepage Description | sed '/^Description:/q'
    echo "Status: install ok installed"
    echo
  done > "$root"/var/lib/dpkg/status
  # apt's lists, cache and configuration go.
  rm -rf "$root"/var/cache/apt "$root"/var/lib/apt "$root"/etc/apt "$root"/var/log/* \
    "$root"/var/lib/dpkg/{available,arch,cmethopt,diversions,info,triggers,updates,alternatives} \
    "$root"/etc/dpkg "$root"/etc/hostname "$root"/etc/resolv.conf "$root"/etc/fstab
  # iconv's charset modules: Node.js does not use them (8 MB).
  rm -rf "$root"/usr/lib/x86_64-linux-gnu/gconv
  # Debian's merged /usr: base-files would make these links, which extract does not run.
  for d in bin sbin lib lib64; do [ -e "$root/usr/$d" ] && ln -sfn "usr/$d" "$root/$d"; done
  mkdir -p "$root"/proc "$root"/sys "$root"/dev "$root"/tmp "$root"/home/nonroot "$root"/etc/podguard
  chmod 1777 "$root"/tmp
  chown "$UID_GID:$UID_GID" "$root"/home/nonroot
  # The user the container runs as, so that os.userInfo() and logs have a name for it.
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%s:%s:nonroot:/home/nonroot:/sbin/nologin\n' "$UID_GID" "$UID_GID" > "$root"/etc/passwd
  printf 'root:x:0:\nnonroot:x:%s:\n' "$UID_GID" > "$root"/etc/group
  chroot "$root" /usr/bin/node --version >/dev/null || die "the extracted nodejs does not run"
  touch "$RUNTIME/.complete"
else
  say "Debian $SUITE root filesystem: cached ($RUNTIME)"
fi
node_version=$(chroot "$RUNTIME/rootfs" /usr/bin/node --version)
case $node_version in v2[0-9].*|v[3-9][0-9].*) ;; *) die "Debian $SUITE's nodejs is $node_version; podguard needs Node.js 20 or newer" ;; esac

# --- 2. podguard: exactly the npm package (npm pack), with its production dependencies. ---
say "podguard $VERSION: npm pack and npm ci --omit=dev"
STAGE=$(mktemp -d "$OUT/stage.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
# npm pack runs "prepare" (tsc), so dist/ is built from this tree.
tarball=$(npm pack --silent --pack-destination "$STAGE" | tail -1)
mkdir -p "$STAGE/app"
tar -xzf "$STAGE/$tarball" -C "$STAGE/app" --strip-components=1
cp package-lock.json "$STAGE/app/"
# The lock file pins every dependency; --prefer-offline uses npm's cache when it has them.
(cd "$STAGE/app" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null)
rm -f "$STAGE/app/package-lock.json"
# Root owns the files and nobody else may write them (read-only for user 65532 anyway).
chown -R 0:0 "$STAGE/app"
chmod -R go-w "$STAGE/app"

# --- 3. The OCI image: two layers (runtime, app) and the configuration. ---
say "OCI image (umoci): $OUT/oci:$TAG"
rm -rf "$OUT/oci"
umoci init --layout "$OUT/oci"
umoci new --image "$OUT/oci:$TAG"
umoci insert --image "$OUT/oci:$TAG" --history.comment "Debian $SUITE: nodejs $node_version and its libraries (mmdebstrap --variant=extract)" "$RUNTIME/rootfs" /
umoci insert --image "$OUT/oci:$TAG" --history.comment "podguard $VERSION (npm pack, npm ci --omit=dev)" "$STAGE/app" /app
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
umoci config --image "$OUT/oci:$TAG" \
  --config.user "$UID_GID:$UID_GID" \
  --config.entrypoint /usr/bin/node --config.entrypoint /app/bin/podguard.js \
  --config.cmd --help \
  --config.workingdir /home/nonroot \
  --config.env NODE_ENV=production --config.env HOME=/home/nonroot \
  --config.exposedports 8443/tcp \
  --config.stopsignal SIGTERM \
  --config.label "org.opencontainers.image.title=podguard" \
  --config.label "org.opencontainers.image.version=$VERSION" \
  --config.label "org.opencontainers.image.revision=$revision" \
  --config.label "org.opencontainers.image.created=$created" \
  --config.label "org.opencontainers.image.licenses=Apache-2.0" \
  --config.label "org.opencontainers.image.source=https://github.com/podguard/podguard" \
  --config.label "org.opencontainers.image.base.name=debian:$SUITE (mmdebstrap --variant=extract nodejs)" \
  --history.comment "user $UID_GID, entrypoint node /app/bin/podguard.js"
umoci gc --layout "$OUT/oci"

archive=$OUT/podguard-$TAG.oci.tar
tar -C "$OUT/oci" -cf "$archive" .

# --- Figures: compressed size (what a registry stores and a node pulls) and unpacked size. ---
compressed=$(du -sb "$OUT/oci/blobs" | cut -f1)
unpacked=$(( $(du -sb "$RUNTIME/rootfs" | cut -f1) + $(du -sb "$STAGE/app" | cut -f1) ))
echo "$TAG" > "$OUT/tag"
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
say "built podguard:$TAG in $(( $(date +%s) - started ))s: $(mib "$compressed") compressed, $(mib "$unpacked") unpacked; node $node_version"
echo "   layout:  $OUT/oci (tag $TAG)"
echo "   archive: $archive"
