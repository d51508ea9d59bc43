"""examples/azure-python through the real Pulumi engine (`make examples-e2e`).

The example's __main__.py runs as an automation-API inline program (pulumi.automation serves its own
language runtime; the program function runs the file as the Python language host would), with the
Pulumi CLI from `make tools`, the provider from `make build` and the OFFLINE STAND-IN azure-native
plugin from `make standins` (a test fixture: no cloud is contacted), in a temporary PULUMI_HOME and
file backend: preview (creates only), up, a second preview (no changes), the stack's outputs, and the
security rules in its export against the seed's.

Usage: .tools/venv/bin/python tests/examples/python/run.py REPO_ROOT
"""

import collections
import json
import os
import re
import runpy
import shutil
import sys
import tempfile
from pathlib import Path

from pulumi import automation as auto

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
example = root / "examples/azure-python/__main__.py"
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print(f"FAIL: {message}", file=sys.stderr)


# The seed (provider/requirements/seeddoc/seed.md), read from its generated copy policy/requirements.json
# (`make policy`, held to the Go requirements by provider/policydata's drift test), which the policy pack
# reads too: no row is written out here.
SEED = json.loads((root / "policy/requirements.json").read_text())


def seed_ports(r):
    """A requirement's ports as the rows spell them: "443", "1000-2000", or "all"."""
    if (r["fromPort"], r["toPort"]) == (0, 65535):
        return "all"
    return str(r["fromPort"]) if r["fromPort"] == r["toPort"] else f"{r['fromPort']}-{r['toPort']}"


def seed_rows(datacenter, agents):
    """The seed's rows for a datacenter and the agent CIDRs, without SSH: "direction protocol ports peer", one
    per peer, single addresses as /32s; peer sets resolve as the pack resolves them without overrides
    (policy/src/requirements.ts)."""
    dc = SEED["datacenters"][datacenter]
    peers = {
        "agents": agents,
        "datacenter": dc["service"],
        "datacenter-ntp": dc["ntp"],
        "dns-servers": [f"{ip}/32" for ip in SEED["defaultDnsServers"]],
        "internet": [SEED["internet"]],
    }
    rows = []
    for r in SEED["requirements"]:
        if r["peers"] == "ssh-sources":
            continue
        if r["peers"] not in peers:
            raise ValueError(f"the seed names a peer set this runner cannot resolve: {r['peers']}")
        rows += [f"{r['direction']} {r['protocol']} {seed_ports(r)} {p}" for p in peers[r["peers"]]]
    return rows


# What Azure adds below every allow, in both directions, so that the allows are all that passes (README:
# "What it builds on Azure/GCP"). Written out on purpose: these are not seed rows but the component's own
# design, and stating them here, apart from the rule model, keeps them an independent oracle for it.
DENY_ALL_ROWS = ["deny ingress all all 0.0.0.0/0", "deny egress all all 0.0.0.0/0"]


def same_rows(what, got, want):
    """Checks that got and want hold the same rows, as many times each."""
    missing = sorted((collections.Counter(want) - collections.Counter(got)).elements())
    extra = sorted((collections.Counter(got) - collections.Counter(want)).elements())
    check(not missing and not extra, f"{what} differ from the seed:\n  missing:    {missing}\n  unexpected: {extra}")


def azure_rules(resources):
    """The security rules of a stack export as rows: Inbound is ingress from the source prefixes,
    Outbound egress to the destination prefixes, a Deny with "deny " in front; the appliance side is "*"."""
    rows = []
    for r in resources:
        if r["type"] != "azure-native:network:SecurityRule":
            continue
        i = r["inputs"]
        name = r["urn"].rsplit("::", 1)[-1]
        check(bool(i.get("description")), f"{name} has no description")
        direction, peer_side, appliance_side = "ingress", "source", "destination"
        if i["direction"] == "Outbound":
            direction, peer_side, appliance_side = "egress", "destination", "source"
        check(i.get(appliance_side + "AddressPrefix") == "*", f"{name}: the appliance side is not *: {i}")
        protocol = "all" if i["protocol"] == "*" else i["protocol"].lower()
        ports = "all" if i["destinationPortRange"] == "*" else i["destinationPortRange"]
        peers = i.get(peer_side + "AddressPrefixes") or [i.get(peer_side + "AddressPrefix")]
        deny = "deny " if i["access"] == "Deny" else ""
        rows += [f"{deny}{direction} {protocol} {ports} {p}" for p in peers]
    return rows


def program():
    runpy.run_path(str(example), run_name="__main__")


tmp = Path(tempfile.mkdtemp(prefix="examples-e2e-py-"))
try:
    for d in ("home", "state"):
        (tmp / d).mkdir()
    os.environ.update({
        # the provider, the OFFLINE STAND-IN cloud plugins, the pinned pulumi CLI
        "PATH": os.pathsep.join([str(root / "bin"), str(root / ".tools/standins"), str(root / ".tools/bin"), os.environ["PATH"]]),
        "PULUMI_HOME": str(tmp / "home"),
        "PULUMI_BACKEND_URL": f"file://{tmp / 'state'}",
        "PULUMI_CONFIG_PASSPHRASE": "examples-e2e",
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
    })
    for k in ("PULUMI_IGNORE_AMBIENT_PLUGINS", "PULUMI_ACCESS_TOKEN"):
        os.environ.pop(k, None)

    stack = auto.create_or_select_stack(stack_name="e2e", project_name="threatmanager-azure-python", program=program)
    stack.set_all_config({
        "azure-native:location": auto.ConfigValue("eastus"),
        "resourceGroupName": auto.ConfigValue("network-rg"),
        "virtualNetworkName": auto.ConfigValue("vnet"),
    })

    # The policy pack (make policy) runs in both previews: a mandatory violation fails one.
    policy_packs = [str(root / "policy" / "run-pack")]

    def passes(name, result):
        check("threatmanager-policies@v" in result.stdout and not re.search(r"- \[(mandatory|advisory)\]", result.stdout),
              f"the policy pack did not pass the {name}:\n{result.stdout}")

    first = stack.preview(policy_packs=policy_packs)
    passes("first preview", first)
    print("first preview:", first.change_summary)
    check(first.change_summary.get("create", 0) > 2 and len(first.change_summary) == 1,
          f"first preview {first.change_summary}, want creates only")

    up = stack.up()
    print("up:", up.summary.result, up.summary.resource_changes)
    check(up.summary.result == "succeeded", f"up: {up.summary.result}")
    rules = up.outputs.get("rules")
    rules = rules.value if rules else None
    check(isinstance(rules, list) and len(rules) > 0, f"stack output rules: {rules!r}")
    for k in ("subnet_id", "network_security_group_id"):
        check(bool(up.outputs.get(k) and up.outputs[k].value), f"stack output {k} is empty")

    second = stack.preview(policy_packs=policy_packs)
    passes("second preview", second)
    print("second preview:", second.change_summary)
    check(all(op == "same" or n == 0 for op, n in second.change_summary.items()),
          f"second preview {second.change_summary}, want no changes")

    state = stack.export_stack()
    resources = state.deployment.get("resources", [])
    types = collections.Counter(r["type"] for r in resources)
    print("stack export:", dict(types))
    for typ, n in {
        "threatmanager:index:ThreatManager": 1,
        "azure-native:network:Subnet": 1,
        "azure-native:network:NetworkSecurityGroup": 1,
    }.items():
        check(types[typ] == n, f"stack export: {types[typ]} {typ}, want {n}")
    # The example's input: datacenter us, agents 10.1.0.0/16, nothing switched off; Azure adds a
    # deny-all in each direction.
    same_rows("the NSG's security rules", azure_rules(resources),
              seed_rows("us", ["10.1.0.0/16"]) + DENY_ALL_ROWS)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    sys.exit(f"examples/azure-python: {len(failures)} check(s) failed")
print("examples/azure-python through the engine: ok")
