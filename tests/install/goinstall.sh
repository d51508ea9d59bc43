#!/usr/bin/env bash
# `go install github.com/threatmanager/pulumi-threatmanager/provider/cmd/ruledelta@v<version>` as a user
# runs it, against the module as a release publishes it, offline (make goinstall-test, in `make test`
# through make install-test):
#
#   tests/install/goinstall.sh <version> [work dir, default .tools/goinstall]
#
# 1. tools/modproxy writes the root module at v<version> into a file GOPROXY (<work>/proxy): the module
#    zip by golang.org/x/mod/zip's rules (no nested module, nothing git ignores), its .mod, .info, list.
# 2. go install …/ruledelta@v<version> in a folder outside the repository, with a fresh module cache,
#    GOPROXY=file://<work>/proxy, then the local module cache as a second file proxy (the go.mod files of
#    the module's requirements; ruledelta itself imports none of them), then `go env GOPROXY`, only
#    reached for a requirement the machine has never downloaded. No checksum database: the version is
#    not public. go install refuses a module whose go.mod has a replace or exclude directive, so this
#    fails if one comes back.
# 3. The installed ruledelta turns every provider/cmd/ruledelta/testdata/*.json into its golden .md.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
version="${1:?usage: goinstall.sh <version> [work dir]}"
version="v${version#v}"
work="${2:-$root/.tools/goinstall}"
module="$(cd "$root" && go list -m)"
pkg="$module/provider/cmd/ruledelta"

# The module cache is written with -modcacherw so that it can be removed like any folder.
[ -d "$work/modcache" ] && chmod -R u+w "$work/modcache"
rm -rf "${work:?}/proxy" "${work:?}/modcache" "${work:?}/bin" "${work:?}/scratch"
mkdir -p "$work/proxy" "$work/modcache" "$work/bin" "$work/scratch"

(cd "$root" && go run ./tools/modproxy -dir "$work/proxy" -version "$version")

local_cache="$(go env GOMODCACHE)/cache/download"
upstream="$(go env GOPROXY)"
start=$SECONDS
(
  cd "$work/scratch"
  env GOPROXY="file://$work/proxy,file://$local_cache,$upstream" \
    GOFLAGS=-modcacherw GOSUMDB=off GONOSUMDB= GOPRIVATE= GONOPROXY= GOWORK=off GOTOOLCHAIN=local \
    GOMODCACHE="$work/modcache" GOBIN="$work/bin" \
    go install "$pkg@$version"
)
echo "go install $pkg@$version: $((SECONDS - start)) s"

# The module came from the file proxy; say what else had to be downloaded (nothing, today).
[ -f "$work/modcache/cache/download/$module/@v/$version.zip" ] || { echo "the module was not downloaded from $work/proxy"; exit 1; }
others=$(find "$work/modcache/cache/download" -name '*.mod' -not -path "*/$module/@v/*" | wc -l)
echo "modules besides $module whose go.mod was read: $others"

failed=0
count=0
for in in "$root"/provider/cmd/ruledelta/testdata/*.json; do
  want="${in%.json}.md"
  [ -f "$want" ] || continue
  count=$((count + 1))
  if ! "$work/bin/ruledelta" <"$in" | diff -u "$want" - >"$work/scratch/diff.txt"; then
    echo "ruledelta@$version on $(basename "$in") differs from $(basename "$want"):"
    cat "$work/scratch/diff.txt"
    failed=1
  fi
done
[ "$count" -gt 0 ] || { echo "no fixture in provider/cmd/ruledelta/testdata"; exit 1; }
[ "$failed" = 0 ] || exit 1
echo "go install $pkg@$version: ok ($count fixtures match their .md)"

rm -rf "${work:?}/modcache" "${work:?}/scratch"
