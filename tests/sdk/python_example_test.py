"""Runs examples/azure-python under Pulumi's mocks with the installed SDK (run by `make sdk-test`)
and checks what it registers: one ThreatManager component, with the inputs under their schema names.

Usage: python python_example_test.py REPO_ROOT
"""

import runpy
import sys
from pathlib import Path

import pulumi


class Mocks(pulumi.runtime.Mocks):
    def __init__(self):
        self.registered = []

    def new_resource(self, args):
        self.registered.append(args)
        return f"{args.name}-id", {**args.inputs, "azureSubnetId": "subnet-id", "rules": []}

    def call(self, args):
        return {}


mocks = Mocks()
pulumi.runtime.set_mocks(mocks, project="example", stack="test", preview=False)
pulumi.runtime.set_all_config({
    "example:resourceGroupName": "network-rg",
    "example:virtualNetworkName": "vnet",
})

program = Path(sys.argv[1]) / "examples/azure-python/__main__.py"


@pulumi.runtime.test
def run_example():
    namespace = runpy.run_path(str(program))
    return namespace["threat_manager"].azure_subnet_id.apply(lambda v: v)


run_example()

components = [r for r in mocks.registered if r.typ == "threatmanager:index:ThreatManager"]
assert len(components) == 1, [r.typ for r in mocks.registered]
inputs = components[0].inputs
assert inputs["agentCidrs"] == ["10.1.0.0/16"], inputs
assert inputs["datacenter"] == "us", inputs
assert inputs["azure"] == {
    "resourceGroupName": "network-rg",
    "virtualNetworkName": "vnet",
    "subnetAddressPrefix": "10.1.240.0/24",
}, inputs
print("examples/azure-python under mocks: ok")
