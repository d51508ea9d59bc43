#!/usr/bin/env bash
# The install test (`make install-test`, part of `make test`): a user's machine, from release artifacts
# only. In a scratch folder that sees nothing of the repository but the host's artifacts of
# `make dist` (the plugin tarball, the npm tarball, the wheel, the policy pack), the test programs in tests/install, the
# Pulumi CLI and pulumi-language-yaml (.tools/bin, `make tools`) and the OFFLINE STAND-IN aws,
# azure-native and gcp plugins (.tools/standins, `make standins`: test fixtures that stand in for the
# real cloud plugins, which cannot be had here; no cloud is contacted), with a fresh PULUMI_HOME and a
# file backend:
#   1. pulumi plugin install resource threatmanager v<version> --file <tarball>
#   2. TypeScript: npm installs the npm tarball (from a copy of the npm cache) and runs a program as an
#      automation-API inline program; Python: a fresh venv installs the wheel (pulumi from PyPI or the
#      pip cache) and runs one likewise; YAML: a Pulumi.yaml without `plugins:` through the CLI.
#      Each goes through preview, up and a second preview that must change nothing.
#   3. the policy pack: its tarball unpacked, `npm ci --omit=dev` in it (from the copy of the npm
#      cache), and the YAML program's first preview run with `--policy-pack <folder>/run-pack`: it must
#      pass and name threatmanager-policies@v<version>.
# No pulumi-resource-threatmanager is on PATH and PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true, so
# the plugin can only come from the install; each program also checks that the stack's threatmanager
# provider is of this version, and `pulumi plugin ls` must list exactly that one.
#
# Usage: tests/install/run.sh DIST_DIR VERSION OS-ARCH   (from the repository root)
set -euo pipefail

dist=$(cd "$1" && pwd) version=$2 platform=$3
repo=$(pwd)
start=$SECONDS
scratch=$(mktemp -d "${TMPDIR:-/tmp}/install-test-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
say() { echo "install-test: $*"; }

# What the scratch folder sees: the artifacts, the programs, the CLI and the stand-ins, nothing else.
mkdir -p "$scratch"/{artifacts,bin,home,state,nodejs,python,yaml,npm-logs}
tarball=pulumi-resource-threatmanager-v$version-$platform.tar.gz
npm_tgz=threatmanager-pulumi-threatmanager-$version.tgz
pack_tgz=threatmanager-policies-v$version.tar.gz
wheel=$(cd "$dist" && ls pulumi_threatmanager-*-py3-none-any.whl)
cp "$dist/$tarball" "$dist/$npm_tgz" "$dist/$pack_tgz" "$dist/$wheel" "$scratch/artifacts/"
cp tests/install/nodejs/index.ts tests/install/nodejs/tsconfig.json "$scratch/nodejs/"
cp tests/install/python/run.py "$scratch/python/"
cp tests/install/yaml/Pulumi.yaml "$scratch/yaml/"
ln -s "$repo/.tools/bin/pulumi" "$repo/.tools/bin/pulumi-language-yaml" "$scratch/bin/"
for p in aws azure-native gcp; do  # OFFLINE STAND-INS, test fixtures
  ln -s "$repo/.tools/standins/pulumi-resource-$p" "$scratch/bin/"
done
npm_cache=$repo/.tools/npm-cache pip_cache=$repo/.tools/pip-cache
# Node and Python as the machine has them (their own folders only; python3 may be a pyenv shim).
python=$(python3 -c 'import sys; print(sys.executable)')
node_dir=$(dirname "$(command -v node)")
python_dir=$(dirname "$python")

cd "$scratch"
export PATH="$scratch/bin:$node_dir:$python_dir:/usr/bin:/bin"
export PULUMI_HOME=$scratch/home PULUMI_BACKEND_URL=file://$scratch/state PULUMI_CONFIG_PASSPHRASE=install-test
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
unset PULUMI_IGNORE_AMBIENT_PLUGINS PULUMI_ACCESS_TOKEN GOPATH NODE_PATH PYTHONPATH VIRTUAL_ENV
if command -v pulumi-resource-threatmanager >/dev/null; then
  say "a threatmanager plugin is on PATH: $(command -v pulumi-resource-threatmanager)"; exit 1
fi
command -v node npm >/dev/null || { say "node and npm not found"; exit 1; }

say "pulumi plugin install resource threatmanager v$version --file artifacts/$tarball"
pulumi plugin install resource threatmanager "v$version" --file "artifacts/$tarball"
installed=$(pulumi plugin ls --json | "$python" -c 'import json, sys; print(" ".join(sorted(p["name"] + "@" + p["version"] for p in json.load(sys.stdin))))')
[ "$installed" = "threatmanager@$version" ] || { say "pulumi plugin ls: '$installed', want threatmanager@$version"; exit 1; }
[ -x "$PULUMI_HOME/plugins/resource-threatmanager-v$version/pulumi-resource-threatmanager" ] || { say "plugin not installed in PULUMI_HOME"; exit 1; }

say "TypeScript: npm install artifacts/$npm_tgz, tsc, preview/up/preview"
t=$SECONDS
# A copy of the repository's npm cache (which the SDK's npm ci filled), so nothing is written to it;
# --prefer-offline asks the registry only for what the cache lacks (typescript's and @types/node's
# package lists, say).
cp -r "$npm_cache" npm-cache && rm -rf npm-cache/_logs
(cd nodejs && echo '{"name": "install-ts", "private": true}' > package.json &&
  npm install --prefer-offline --cache "$scratch/npm-cache" --logs-dir "$scratch/npm-logs" --no-audit --no-fund --ignore-scripts \
    "../artifacts/$npm_tgz" typescript@4.9.5 @types/node@20 >/dev/null &&
  node_modules/.bin/tsc -p tsconfig.json &&
  node index.js "$scratch/nodejs" "$version")
say "TypeScript took $((SECONDS - t)) s"

say "Python: fresh venv, pip install artifacts/$wheel, preview/up/preview"
t=$SECONDS
"$python" -m venv python/venv
python/venv/bin/pip install -q --disable-pip-version-check --cache-dir "$pip_cache" "artifacts/$wheel"
[ "$(python/venv/bin/python -c 'import importlib.metadata as m; print(m.version("pulumi_threatmanager"))')" = "$(basename "$wheel" | cut -d- -f2)" ] ||
  { say "the venv's pulumi_threatmanager is not the wheel's"; exit 1; }
(cd python && PYTHONDONTWRITEBYTECODE=1 venv/bin/python run.py "$scratch/python" "$version")
say "Python took $((SECONDS - t)) s"

say "policy pack: unpack artifacts/$pack_tgz, npm ci --omit=dev in it"
t=$SECONDS
top=$(tar -tzf "artifacts/$pack_tgz" | cut -d/ -f1 | sort -u)
[ "$top" = threatmanager-policies ] || { say "the pack's tarball has top folders '$top', want threatmanager-policies only"; exit 1; }
tar -xzf "artifacts/$pack_tgz"
# The flags of NPM_FLAGS (mk/sdk.mk), with the copy of the npm cache. (--omit=dev still installs
# typescript: @pulumi/pulumi names it as an optional peer dependency.)
(cd threatmanager-policies &&
  npm ci --omit=dev --cache "$scratch/npm-cache" --prefer-offline --no-audit --no-fund --ignore-scripts \
    --logs-dir "$scratch/npm-logs" --loglevel error >/dev/null) || { say "npm ci in threatmanager-policies failed"; exit 1; }
say "policy pack installed; took $((SECONDS - t)) s"

say "YAML: Pulumi.yaml without plugins:, preview (with the policy pack)/up/preview through the CLI"
t=$SECONDS
(cd yaml &&
  grep -q '^plugins:' Pulumi.yaml && { say "the YAML program names a plugin path"; exit 1; }
  pulumi stack init install --non-interactive >/dev/null &&
  pulumi config set gcp:project install-project &&
  pulumi preview --non-interactive --policy-pack "$scratch/threatmanager-policies/run-pack" >preview.txt 2>&1 &&
  grep -q 'threatmanager:index:ThreatManager' preview.txt &&
  grep -q "threatmanager-policies@v$version" preview.txt &&
  pulumi up --yes --non-interactive --skip-preview >/dev/null &&
  pulumi preview --non-interactive --expect-no-changes --logtostderr -v=7 >/dev/null 2>preview.log &&
  [ -n "$(pulumi stack output gcpTargetTag)" ]) || { tail -40 yaml/preview.txt yaml/preview.log 2>/dev/null; say "YAML failed"; exit 1; }
# A YAML program names no version, so its default provider carries none in the state: the engine's log
# shows which plugin binary it ran.
grep -q "$PULUMI_HOME/plugins/resource-threatmanager-v$version/pulumi-resource-threatmanager" yaml/preview.log ||
  { say "YAML: the engine's log names no $PULUMI_HOME/plugins/resource-threatmanager-v$version plugin"; exit 1; }
say "YAML: preview passed threatmanager-policies@v$version, up, second preview no changes, plugin from PULUMI_HOME/plugins/resource-threatmanager-v$version; took $((SECONDS - t)) s"

say "ok: TypeScript, Python and YAML from the artifacts of $version, plugin from pulumi plugin install, policy pack from its tarball ($((SECONDS - start)) s)"
