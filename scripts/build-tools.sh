#!/usr/bin/env bash
# Builds the real-Kubernetes test world from the Go module proxy into .tools/bin (git-ignored):
#   psa-oracle      upstream Pod Security Admission evaluator + sigs.k8s.io/yaml (test/kubernetes/cmd/psa-oracle)
#   cel-oracle      cel-go with Kubernetes' CEL environment, k8s.io/apiserver/pkg/cel/environment (test/kubernetes/cmd/cel-oracle)
#   kube-apiserver  k8s.io/kubernetes/cmd/kube-apiserver
#   kube-controller-manager  k8s.io/kubernetes/cmd/kube-controller-manager (its clusterrole-aggregation controller, for the RBAC differential)
#   etcd            go.etcd.io/etcd/server/v3 behind test/kubernetes/cmd/etcd
#   kubectl         k8s.io/kubectl behind test/kubernetes/cmd/kubectl
#   kustomize, helm sigs.k8s.io/kustomize/kustomize/v5, helm.sh/helm/v4/cmd/helm
# Versions are those of test/kubernetes/go.mod and go.sum. The Go caches are the machine's own
# (go env GOMODCACHE / GOCACHE, or the variables when set), so a fresh clone on the same machine
# (CI) reuses what an earlier build downloaded and compiled; in the clone, a second run only checks
# a stamp and a changed source only recompiles what changed. Exit codes: 0 built (or up to date), 3 this machine cannot build them
# (no Go, or the module proxy unreachable: CI skips the suites that need the tools, loudly),
# 1 any other failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
module="$root/test/kubernetes"
bin="$root/.tools/bin"
if command -v go >/dev/null; then
  export GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"
  export GOCACHE="${GOCACHE:-$(go env GOCACHE)}"
fi
export GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false" CGO_ENABLED=0

if ! command -v go >/dev/null; then
  echo "build-tools: GO IS NOT INSTALLED (needs Go $(sed -n 's/^go //p' "$module/go.mod") or newer): the tools cannot be built" >&2
  exit 3
fi

tools=(psa-oracle cel-oracle kubectl etcd kube-apiserver kube-controller-manager kustomize helm)
stamp="$( (go version; cat "$0"; cd "$module" && cat go.mod go.sum && find cmd -name '*.go' | LC_ALL=C sort | xargs cat) | sha256sum | cut -d' ' -f1)"
uptodate=1
for t in "${tools[@]}"; do [ -x "$bin/$t" ] || uptodate=0; done
if [ "$uptodate" = 1 ] && [ "$(cat "$bin/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "build-tools: .tools/bin is up to date (${tools[*]})"
  exit 0
fi

mkdir -p "$bin"
rm -f "$bin/.stamp"
log="$root/.tools/build.log"
start=$(date +%s)
# Built from the module proxy, not from a git checkout, the binaries would call themselves
# v0.0.0-master; stamp the release of go.mod the way Kubernetes' own build does (hack/lib/version.sh).
kube_version="$(sed -n 's/^\tk8s.io\/kubernetes \(v[0-9.]*\).*/\1/p' "$module/go.mod")"
kube_minor="$(echo "$kube_version" | cut -d. -f2)"
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$kube_minor -X $pkg.gitTreeState=clean"
done
build() { # build WHAT... : one go build, its output kept for the network check
  (cd "$module" && go build -trimpath -ldflags="$ldflags" -o "$bin/" "$@") >>"$log" 2>&1
}
: >"$log"
echo "build-tools: downloading modules and building ${tools[*]} (from an empty Go cache this takes 10 to 20 minutes on 2 cores; log: .tools/build.log)"
# The oracles first and alone: the fast differential suites need only them.
if ! build ./cmd/psa-oracle ./cmd/cel-oracle || ! build ./cmd/kubectl ./cmd/etcd k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager sigs.k8s.io/kustomize/kustomize/v5 helm.sh/helm/v4/cmd/helm; then
  tail -n 30 "$log" >&2
  if grep -Eq 'dial tcp|lookup .*(no such host|server misbehaving)|proxy.golang.org.*(timeout|refused)|TLS handshake timeout|network is unreachable|i/o timeout' "$log"; then
    echo "build-tools: THE GO MODULE PROXY IS NOT REACHABLE: the tools could not be built" >&2
    exit 3
  fi
  echo "build-tools: the build failed (see .tools/build.log)" >&2
  exit 1
fi
echo "$stamp" >"$bin/.stamp"
echo "build-tools: built ${tools[*]} into .tools/bin in $(( $(date +%s) - start ))s"
