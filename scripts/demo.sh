#!/usr/bin/env bash
# make demo: the real Pulumi engine previews the root Pulumi.yaml offline.
#
# No cloud is reachable here, so the aws, azure-native and gcp plugins are
# the OFFLINE STAND-INS from tests/standins (test fixtures that answer like a
# recording cloud). With the real plugins installed, `pulumi preview` in the
# repository root does the same against your cloud.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A copy of the program, so the demo writes no stack files into the repo.
mkdir -p "$work/program" "$work/state"
sed "s#path: ./bin#path: $root/bin#" "$root/Pulumi.yaml" > "$work/program/Pulumi.yaml"

# The Pulumi CLI: an installed one when it is recent enough, else the pinned one, built by
# `make tools` when needed (scripts/pulumi-cli.sh says which and why).
cli_dir="$(bash "$root/scripts/pulumi-cli.sh")"

export PATH="$root/.tools/standins:$cli_dir:$PATH"
export PULUMI_HOME="$work/home"
export PULUMI_BACKEND_URL="file://$work/state"
export PULUMI_CONFIG_PASSPHRASE="demo"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
unset PULUMI_IGNORE_AMBIENT_PLUGINS

echo "== Offline demo: the real Pulumi engine with STAND-IN cloud plugins (no cloud is contacted)"
echo "== Pulumi CLI: $(command -v pulumi) $(pulumi version)"
cd "$work/program"
pulumi stack init demo >/dev/null
# The tree of what would be created, then the stack outputs: the rule table
# (output "rules") and the ids, as the engine computed them.
pulumi preview --diff=false
