import * as pulumi from "@pulumi/pulumi";
import * as threatmanager from "@threatmanager/pulumi-threatmanager";

// The program is one exported function: `pulumi up` runs it and its result becomes the stack's outputs,
// and an automation-API inline program can run the same function (the repository's engine test does).
export = async function program() {
    const config = new pulumi.Config();

    // Private appliance subnets in two zones of an existing VPC, routed through its NAT gateway.
    const threatManager = new threatmanager.ThreatManager("threat-manager", {
        datacenter: threatmanager.Datacenter.Us,
        agentCidrs: [config.get("agentCidr") ?? "10.0.0.0/16"],
        aws: {
            vpcId: config.require("vpcId"),
            natGatewayId: config.require("natGatewayId"),
            subnets: [
                { availabilityZone: "us-east-1a", cidrBlock: "10.0.240.0/24" },
                { availabilityZone: "us-east-1b", cidrBlock: "10.0.241.0/24" },
            ],
        },
        egressHttp: false, // a PCI deployment: no plain HTTP egress
        tags: { workload: "threat-manager" },
    });

    // Attach the appliance group to the appliances and the agent group to monitored instances.
    return {
        applianceSecurityGroupId: threatManager.awsApplianceSecurityGroupId,
        agentSecurityGroupId: threatManager.awsAgentSecurityGroupId,
        subnetIds: threatManager.awsSubnetIds,
        rules: threatManager.rules,
    };
};
