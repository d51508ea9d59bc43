// Threat Manager appliances' network in an existing GCP VPC network.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/threatmanager/pulumi-threatmanager/sdk/go/threatmanager"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		agentCidr := cfg.Get("agentCidr")
		if agentCidr == "" {
			agentCidr = "10.2.0.0/16"
		}

		// A subnetwork for the appliances and firewall rules that target them by network tag, with a
		// deny-all egress rule below the documented allows.
		tm, err := threatmanager.NewThreatManager(ctx, "threat-manager", &threatmanager.ThreatManagerArgs{
			Datacenter: threatmanager.DatacenterUs,
			AgentCidrs: pulumi.StringArray{pulumi.String(agentCidr)},
			Gcp: &threatmanager.GcpArgs{
				Network:    pulumi.String(cfg.Require("network")),
				Region:     pulumi.String("us-central1"),
				SubnetCidr: pulumi.String("10.2.240.0/24"),
			},
			Tags: pulumi.StringMap{"workload": pulumi.String("threat-manager")},
		})
		if err != nil {
			return err
		}

		// Put the target tag on the appliance instances.
		ctx.Export("targetTag", tm.GcpTargetTag)
		ctx.Export("subnetworkId", tm.GcpSubnetworkId)
		ctx.Export("firewallNames", tm.GcpFirewallNames)
		ctx.Export("rules", tm.Rules)
		return nil
	})
}
