#!/usr/bin/env bash
# Builds kube-controller-manager (k8s.io/kubernetes/cmd/kube-controller-manager at the release
# test/kubernetes/go.mod pins) into .tools/bin, for test/cluster/rbac-sar.test.ts: ClusterRole
# aggregation is done by its clusterrole-aggregation controller, which the API server alone does
# not run. Same module, caches and version stamp as scripts/build-tools.sh (branch kube); the
# controller-manager imports packages whose sums test/kubernetes/go.sum does not hold, so it is
# built from a copy of the module with -mod=mod and the checked-in module is left as it is.
# (Folding this into build-tools.sh needs those go.sum lines added there.) Exit codes as build-tools.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
module="$root/test/kubernetes"
bin="$root/.tools/bin"
if [ ! -f "$module/go.mod" ]; then
  echo "build-kube-controller-manager: test/kubernetes/go.mod is missing (the real-Kubernetes world of branch kube)" >&2
  exit 1
fi
if ! command -v go >/dev/null; then
  echo "build-kube-controller-manager: go is not installed" >&2
  exit 1
fi
export GOMODCACHE="${GOMODCACHE:-$root/.tools/go/mod}" GOCACHE="${GOCACHE:-$root/.tools/go/build}"
export GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0
stamp="$( (go version; cat "$0" "$module/go.mod" "$module/go.sum") | sha256sum | cut -d' ' -f1)"
if [ -x "$bin/kube-controller-manager" ] && [ "$(cat "$bin/.kcm-stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "build-kube-controller-manager: .tools/bin/kube-controller-manager is up to date"
  exit 0
fi
mkdir -p "$bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$module/go.mod" "$module/go.sum" "$work/"
kube_version="$(sed -n 's/^\tk8s.io\/kubernetes \(v[0-9.]*\).*/\1/p' "$module/go.mod")"
kube_minor="$(echo "$kube_version" | cut -d. -f2)"
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$kube_minor -X $pkg.gitTreeState=clean"
done
log="$root/.tools/build-kcm.log"
start=$(date +%s)
echo "build-kube-controller-manager: building $kube_version (log: .tools/build-kcm.log)"
if ! (cd "$work" && go build -trimpath -ldflags="$ldflags" -o "$bin/" k8s.io/kubernetes/cmd/kube-controller-manager) >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  if grep -Eq 'dial tcp|lookup .*(no such host|server misbehaving)|proxy.golang.org.*(timeout|refused)|TLS handshake timeout|network is unreachable|i/o timeout' "$log"; then
    echo "build-kube-controller-manager: THE GO MODULE PROXY IS NOT REACHABLE" >&2
    exit 3
  fi
  exit 1
fi
echo "$stamp" >"$bin/.kcm-stamp"
echo "build-kube-controller-manager: built in $(( $(date +%s) - start ))s"
