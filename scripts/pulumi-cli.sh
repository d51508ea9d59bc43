#!/usr/bin/env bash
# Which Pulumi CLI `make demo` uses. Prints the folder to put first on PATH (the CLI and
# pulumi-language-yaml are in it, or the language host is elsewhere on PATH), and on stderr which CLI
# it chose and why.
#
#   - An installed `pulumi` on PATH whose `pulumi version` is at least the minimum, with a
#     `pulumi-language-yaml` beside it or on PATH: that one, and nothing is built.
#   - Otherwise the pinned CLI and language host in .tools/bin, built first by `make tools` when
#     missing or out of date (several minutes on a fresh machine).
#
# The minimum is the pinned CLI's version (github.com/pulumi/pulumi/pkg/v3 in tools/pulumi/go.mod,
# v3.274.1 today), the one every offline test runs; PULUMI_MIN_VERSION overrides it. Pre-release
# suffixes are ignored (v3.300.0-alpha counts as v3.300.0). PULUMI_CLI=pinned skips the installed CLI.
# $MAKE is the make to build with (the caller's, from the Makefile).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pinned_dir="$root/.tools/bin"

min="${PULUMI_MIN_VERSION:-$(awk '{ for (i = 1; i < NF; i++) if ($i == "github.com/pulumi/pulumi/pkg/v3") { print $(i + 1); exit } }' "$root/tools/pulumi/go.mod")}"
min="${min#v}"
if ! [[ "$min" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "pulumi-cli: no minimum version (PULUMI_MIN_VERSION, or pkg/v3 in tools/pulumi/go.mod): \"$min\"" >&2
  exit 1
fi

# semver_at_least A B: A >= B, comparing major.minor.patch as numbers.
semver_at_least() {
  local a b i
  IFS=. read -r -a a <<<"$1"
  IFS=. read -r -a b <<<"$2"
  for i in 0 1 2; do
    if ((10#${a[i]:-0} > 10#${b[i]:-0})); then return 0; fi
    if ((10#${a[i]:-0} < 10#${b[i]:-0})); then return 1; fi
  done
  return 0
}

use_pinned() {
  echo "pulumi-cli: $1: using the pinned Pulumi CLI v$min from .tools/bin (make tools builds it when missing)" >&2
  "${MAKE:-make}" -C "$root" --no-print-directory tools >&2
  echo "$pinned_dir"
}

if [ "${PULUMI_CLI:-}" = pinned ]; then
  use_pinned "PULUMI_CLI=pinned"
  exit 0
fi
installed="$(command -v pulumi || true)"
if [ -z "$installed" ]; then
  use_pinned "no pulumi on PATH"
  exit 0
fi
if [ "$(cd "$(dirname "$installed")" && pwd -P)" = "$(cd "$pinned_dir" 2>/dev/null && pwd -P)" ]; then
  use_pinned "the pulumi on PATH is the pinned one"
  exit 0
fi
out="$(PULUMI_SKIP_UPDATE_CHECK=true timeout 60 "$installed" version 2>/dev/null || true)"
version="$(printf '%s\n' "$out" | sed -nE '1s/^v?([0-9]+\.[0-9]+\.[0-9]+).*$/\1/p')"
if [ -z "$version" ]; then
  use_pinned "$installed: \`pulumi version\` printed no version (\"$(printf '%s' "$out" | head -c 80)\")"
  exit 0
fi
if ! semver_at_least "$version" "$min"; then
  use_pinned "$installed is v$version, older than v$min"
  exit 0
fi
dir="$(dirname "$installed")"
if [ -x "$dir/pulumi-language-yaml" ]; then
  yaml="$dir/pulumi-language-yaml"
elif yaml="$(command -v pulumi-language-yaml)"; then
  :
else
  use_pinned "$installed is v$version but no pulumi-language-yaml is beside it or on PATH"
  exit 0
fi
echo "pulumi-cli: using the installed Pulumi CLI $installed (v$version, at least v$min), with $yaml" >&2
echo "$dir"
