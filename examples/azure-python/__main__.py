"""Threat Manager appliances' network in an existing Azure virtual network."""

import pulumi
import pulumi_threatmanager as threatmanager

config = pulumi.Config()

# An appliance subnet in the virtual network, with a network security group that allows exactly the
# documented traffic and denies all other outbound traffic.
threat_manager = threatmanager.ThreatManager(
    "threat-manager",
    datacenter=threatmanager.Datacenter.US,
    agent_cidrs=[config.get("agentCidr") or "10.1.0.0/16"],
    azure={
        "resource_group_name": config.require("resourceGroupName"),
        "virtual_network_name": config.require("virtualNetworkName"),
        "subnet_address_prefix": config.get("subnetAddressPrefix") or "10.1.240.0/24",
    },
    tags={"workload": "threat-manager"},
)

pulumi.export("subnet_id", threat_manager.azure_subnet_id)
pulumi.export("network_security_group_id", threat_manager.azure_network_security_group_id)
pulumi.export("rules", threat_manager.rules)
