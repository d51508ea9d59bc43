"""Static checks of the generated SDKs and the YAML example (run by `make sdk-test`).

- The npm package depends on @pulumi/pulumi only and the Python package requires pulumi only:
  the SDKs' outputs are ids and plain values, so no cloud package is pulled in.
- Package names and the version are the ones the schema and the build set, in all three SDKs.
- The schema and every SDK manifest carry the pluginDownloadURL (the GitHub releases of this
  repository), so a user's `pulumi up` downloads the plugin by itself: the schema's
  pluginDownloadURL, npm package.json pulumi.server, Python and Go pulumi-plugin.json server, and the
  resource defaults each SDK's code passes to the engine.
- Every ThreatManager type, property and output that a YAML program uses exists in schema.json: the
  examples, the acceptance workflow's programs, the root Pulumi.yaml and the YAML snippets of the docs
  and the examples' READMEs; outputs are read wherever they are interpolated.
- The policy pack (policy/, threatmanager-policies) is of VERSION in package.json and
  package-lock.json: it ships with each release (make dist), and pulumi names it by that version.
- CHANGELOG.md's newest release is VERSION (the release being prepared, BASE_VERSION in
  mk/version.mk), and LICENSE is the Apache License 2.0 that the npm and Python manifests name.

Usage: python check_packages.py REPO_ROOT VERSION
"""

import json
import re
import sys
import tomllib
from pathlib import Path

import yaml

root, version = Path(sys.argv[1]), sys.argv[2]
failures = []
PLUGIN_DOWNLOAD_URL = "github://api.github.com/threatmanager/pulumi-threatmanager"


def check(ok, message):
    if not ok:
        failures.append(message)


# npm
package = json.loads((root / "sdk/nodejs/package.json").read_text())
check(package["name"] == "@threatmanager/pulumi-threatmanager", f"npm name is {package['name']}")
check(package["version"] == version, f"npm version is {package['version']}, want {version}")
check(sorted(package.get("dependencies", {})) == ["@pulumi/pulumi"],
      f"npm runtime dependencies are {sorted(package.get('dependencies', {}))}, want only @pulumi/pulumi")
check(not package.get("peerDependencies"), "npm package has peerDependencies")
check(package["pulumi"] == {"resource": True, "name": "threatmanager", "version": version, "server": PLUGIN_DOWNLOAD_URL},
      f"npm pulumi plugin section is {package['pulumi']}, want server {PLUGIN_DOWNLOAD_URL}")
check(f'pluginDownloadURL: "{PLUGIN_DOWNLOAD_URL}"' in (root / "sdk/nodejs/utilities.ts").read_text(),
      "sdk/nodejs/utilities.ts: resource defaults lack the pluginDownloadURL")

lock = json.loads((root / "sdk/nodejs/package-lock.json").read_text())
check(lock["packages"][""].get("version") == version,
      f"package-lock.json is for version {lock['packages'][''].get('version')}: run make sdk")
check(lock["packages"][""].get("dependencies") == package.get("dependencies"),
      "package-lock.json does not match package.json's dependencies: run make sdk")

# Python
project = tomllib.loads((root / "sdk/python/pyproject.toml").read_text())["project"]
check(project["name"] == "pulumi_threatmanager", f"Python project name is {project['name']}")
check(project["version"] == version, f"Python version is {project['version']}, want {version}")
names = [re.match(r"[A-Za-z0-9._-]+", d).group(0) for d in project["dependencies"]]
check(names == ["pulumi"], f"Python dependencies are {project['dependencies']}, want only pulumi")
plugin = json.loads((root / "sdk/python/pulumi_threatmanager/pulumi-plugin.json").read_text())
check(plugin.get("version") == version, f"Python pulumi-plugin.json version is {plugin.get('version')}")
check(plugin.get("server") == PLUGIN_DOWNLOAD_URL, f"Python pulumi-plugin.json server is {plugin.get('server')}, want {PLUGIN_DOWNLOAD_URL}")
check(f'"{PLUGIN_DOWNLOAD_URL}"' in (root / "sdk/python/pulumi_threatmanager/_utilities.py").read_text(),
      "sdk/python/pulumi_threatmanager/_utilities.py lacks the pluginDownloadURL")

# Go
gomod = (root / "sdk/go.mod").read_text()
check(gomod.startswith("module github.com/threatmanager/pulumi-threatmanager/sdk\n"), "sdk/go.mod module path")
plugin = json.loads((root / "sdk/go/threatmanager/pulumi-plugin.json").read_text())
check(plugin.get("version") == version, f"Go pulumi-plugin.json version is {plugin.get('version')}")
check(plugin.get("server") == PLUGIN_DOWNLOAD_URL, f"Go pulumi-plugin.json server is {plugin.get('server')}, want {PLUGIN_DOWNLOAD_URL}")
check(f'pulumi.PluginDownloadURL("{PLUGIN_DOWNLOAD_URL}")' in (root / "sdk/go/threatmanager/internal/pulumiUtilities.go").read_text(),
      "sdk/go/threatmanager/internal/pulumiUtilities.go: resource defaults lack the pluginDownloadURL")

# The policy pack: make dist stamps the release's version into the pack's copy of both files, but the
# committed ones must already be of the release being prepared, like the SDKs.
pack = json.loads((root / "policy/package.json").read_text())
check(pack.get("version") == version,
      f"policy/package.json version is {pack.get('version')}, want {version} (BASE_VERSION in mk/version.mk)")
pack_lock = json.loads((root / "policy/package-lock.json").read_text())
for where, got in [("version", pack_lock.get("version")), ('packages[""].version', pack_lock.get("packages", {}).get("", {}).get("version"))]:
    check(got == version, f"policy/package-lock.json {where} is {got}, want {version}: set it with policy/package.json's")

# CHANGELOG.md and LICENSE
releases = re.findall(r"^## (\S+)", (root / "CHANGELOG.md").read_text(), re.M)
check(releases and releases[0] == version, f"CHANGELOG.md's newest release is {releases[:1]}, want {version}")
license_text = (root / "LICENSE").read_text()
check("Apache License" in license_text and "Version 2.0, January 2004" in license_text, "LICENSE is not the Apache License 2.0")
check(package.get("license") == "Apache-2.0", f"npm license is {package.get('license')}, want Apache-2.0 (LICENSE)")
check(project.get("license") == {"text": "Apache-2.0"}, f"Python license is {project.get('license')}, want Apache-2.0 (LICENSE)")

# YAML example against the schema
schema = json.loads((root / "schema.json").read_text())
check(schema.get("pluginDownloadURL") == PLUGIN_DOWNLOAD_URL,
      f"schema.json pluginDownloadURL is {schema.get('pluginDownloadURL')}, want {PLUGIN_DOWNLOAD_URL}: make schema")


def resolve(spec):
    ref = spec.get("$ref")
    if ref:
        return schema["types"][ref.removeprefix("#/types/")]
    return spec


def check_value(where, spec, value):
    spec = resolve(spec)
    if isinstance(value, str) and value.startswith("${"):
        return  # an interpolation: its type is the engine's business
    if "enum" in spec:
        allowed = [e["value"] for e in spec["enum"]]
        check(value in allowed, f"{where}: {value!r} is not one of {allowed}")
    elif spec.get("type") == "object" and "properties" in spec:
        check(isinstance(value, dict), f"{where}: want an object")
        if isinstance(value, dict):
            check_object(where, spec["properties"], spec.get("required", []), value)
    elif spec.get("type") == "array":
        check(isinstance(value, list), f"{where}: want a list")
        for i, item in enumerate(value if isinstance(value, list) else []):
            check_value(f"{where}[{i}]", spec["items"], item)


def check_object(where, properties, required, value):
    for name in required:
        check(name in value, f"{where}: required property {name} missing")
    for name, v in value.items():
        if name not in properties:
            check(False, f"{where}.{name}: no such property in schema.json")
        else:
            check_value(f"{where}.{name}", properties[name], v)


def check_program(label, program):
    """Checks a YAML program's ThreatManager types, properties and outputs against the schema."""
    used = {}
    for name, resource in program.get("resources", {}).items():
        token = resource["type"]
        if not token.startswith("threatmanager:"):
            continue
        spec = schema["resources"].get(token)
        check(spec is not None, f"{label}: resources.{name}: no resource type {token} in schema.json")
        if spec is None:
            continue
        used[name] = spec
        check_object(f"{label}: resources.{name}.properties", spec["inputProperties"],
                     spec.get("requiredInputs", []), resource.get("properties", {}))
    # Every interpolation of a ThreatManager's output, wherever it is: outputs, variables and other
    # resources' properties (an appliance's subnet, security group or tag).
    for where, text in strings_of(program):
        for resource, prop in re.findall(r"\$\{(\w+)\.(\w+)", text):
            if resource in used:
                check(prop in used[resource]["properties"], f"{label}: {where}: {resource} has no output {prop}")
    return len(used)


def strings_of(value, where=""):
    """Every string in a YAML value, with the path to it."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings_of(v, f"{where}.{k}" if where else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings_of(v, f"{where}[{i}]")


# Every YAML program (the examples, the acceptance workflow's programs), the root program and every
# YAML snippet in the docs.
yaml_programs = sorted(root.glob("examples/*/Pulumi.yaml")) + sorted(root.glob(".github/acceptance/*/Pulumi.yaml"))
checked = 0
for path in yaml_programs:
    program = yaml.safe_load(path.read_text())
    runtime = program.get("runtime")
    if (runtime.get("name") if isinstance(runtime, dict) else runtime) != "yaml":
        continue
    checked += 1
    label = str(path.relative_to(root).parent)
    check(check_program(label, program) > 0, f"{label} uses no ThreatManager")
check(checked >= 6, f"only {checked} YAML programs found under examples/ and .github/acceptance/")
check(check_program("Pulumi.yaml", yaml.safe_load((root / "Pulumi.yaml").read_text())) == 1, "Pulumi.yaml: want one ThreatManager")
for doc in [root / "README.md", *sorted((root / "docs").glob("*.md")), *sorted(root.glob("examples/*/README.md"))]:
    for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", doc.read_text(), re.S)):
        program = yaml.safe_load(block)
        if isinstance(program, dict) and "resources" in program:
            check_program(f"{doc.relative_to(root)} yaml block {i}", program)

if failures:
    print("\n".join(f"FAIL {f}" for f in failures))
    sys.exit(1)
print(f"sdk packages, policy pack, {checked} YAML programs, root program and YAML doc snippets: ok (version {version})")
