package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/threatmanager/pulumi-threatmanager/sdk/go/threatmanager"
)

// program is the whole deployment: main runs it with pulumi.Run, and the engine test
// (engine_test.go) runs it as an automation-API inline program.
func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	agentCidr := cfg.Get("agentCidr")
	if agentCidr == "" {
		agentCidr = "10.2.0.0/16"
	}
	datacenter := threatmanager.DatacenterUs
	// A subnetwork for the appliances and firewall rules that target them by network tag, with a
	// deny-all egress rule below the documented allows.
	tm, err := threatmanager.NewThreatManager(ctx, "threat-manager", &threatmanager.ThreatManagerArgs{
		Datacenter: &datacenter,
		AgentCidrs: pulumi.StringArray{pulumi.String(agentCidr)},
		Gcp: &threatmanager.GcpArgs{
			Network:    pulumi.String(cfg.Require("network")),
			Region:     "us-central1",
			SubnetCidr: "10.2.240.0/24",
		},
		Tags: map[string]string{"workload": "threat-manager"},
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
}
