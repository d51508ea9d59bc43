"""The install test's Python program (tests/install/run.sh).

A user's stack that installed pulumi_threatmanager from the wheel `make dist` wrote, in a fresh venv,
run as a pulumi.automation inline program through preview, up and a second preview that must change
nothing. The threatmanager plugin is the one `pulumi plugin install --file` put in PULUMI_HOME;
azure-native is an OFFLINE STAND-IN plugin (a test fixture: no cloud is contacted).

Usage: python run.py WORKDIR VERSION
"""

import sys

import pulumi
import pulumi_threatmanager as threatmanager
from pulumi import automation as auto

work_dir, version = sys.argv[1], sys.argv[2]


def program():
    tm = threatmanager.ThreatManager(
        "install-py",
        datacenter=threatmanager.Datacenter.US,
        agent_cidrs=["10.1.0.0/16"],
        azure={
            "resource_group_name": "rg-install",
            "virtual_network_name": "vnet-install",
            "subnet_address_prefix": "10.1.240.0/24",
        },
    )
    pulumi.export("network_security_group_id", tm.azure_network_security_group_id)


def fail(message):
    sys.exit(f"install test (Python): {message}")


stack = auto.create_or_select_stack(
    stack_name="install", project_name="install-py", program=program, work_dir=work_dir
)
stack.set_config("azure-native:location", auto.ConfigValue("eastus"))

first = stack.preview()
creates = first.change_summary.get(auto.OpType.CREATE, 0)
if creates < 5 or set(first.change_summary) != {auto.OpType.CREATE}:
    fail(f"first preview: want creates only, got {first.change_summary}")
up = stack.up()
if up.summary.result != "succeeded" or up.summary.resource_changes.get("create") != creates:
    fail(f"up: {up.summary.result}, {up.summary.resource_changes} (preview said {creates} creates)")
if not up.outputs["network_security_group_id"].value:
    fail(f"output network_security_group_id is {up.outputs['network_security_group_id']}")
second = stack.preview()
if set(second.change_summary) - {auto.OpType.SAME}:
    fail(f"second preview: want no changes, got {second.change_summary}")
# The component ran in the installed plugin of this version.
state = stack.export_stack()
providers = [r for r in state.deployment["resources"] if r["type"] == "pulumi:providers:threatmanager"]
if len(providers) != 1 or providers[0].get("inputs", {}).get("version") != version:
    fail(f"threatmanager provider in state: {[p.get('inputs') for p in providers]}, want version {version}")
print(f"Python: preview {creates} creates, up succeeded, second preview no changes, provider threatmanager {version}")
