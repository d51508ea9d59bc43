package gcprender

import (
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/compute"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// expandFirewall translates one planned firewall into GCP's fields: it
// targets the appliances' network tag, and its peers are source ranges on
// ingress and destination ranges on egress.
func expandFirewall(plan *gcp.Plan, fw gcp.Firewall, in Inputs, agentCIDRs pulumi.StringArrayOutput) *compute.FirewallArgs {
	args := &compute.FirewallArgs{
		Name:        pulumi.String(fw.Name),
		Project:     in.Project,
		Network:     in.Network,
		Direction:   pulumi.String(expandDirection(fw.Direction)),
		Priority:    pulumi.Int(fw.Priority),
		TargetTags:  pulumi.ToStringArray([]string{plan.TargetTag}),
		Description: pulumi.String(fw.Description),
	}
	if fw.Access == rules.Deny {
		args.Denies = expandDenies(fw.Matches)
	} else {
		args.Allows = expandAllows(fw.Matches)
	}
	ranges := expandRanges(fw, agentCIDRs)
	if fw.Direction == requirements.Ingress {
		args.SourceRanges = ranges
	} else {
		args.DestinationRanges = ranges
	}
	return args
}

// expandRanges resolves the firewall's peers. A firewall that holds the
// agents waits for the agent CIDRs, which may be Outputs of other
// resources.
func expandRanges(fw gcp.Firewall, agentCIDRs pulumi.StringArrayOutput) pulumi.StringArrayInput {
	if !fw.Agents {
		return pulumi.ToStringArray(fw.AddressPrefixes(nil))
	}
	return agentCIDRs.ApplyT(func(agents []string) []string { return fw.AddressPrefixes(agents) }).(pulumi.StringArrayOutput)
}

func expandAllows(matches []rules.Match) compute.FirewallAllowArray {
	var out compute.FirewallAllowArray
	for _, m := range matches {
		out = append(out, compute.FirewallAllowArgs{Protocol: pulumi.String(string(m.Protocol)), Ports: expandPorts(m)})
	}
	return out
}

func expandDenies(matches []rules.Match) compute.FirewallDenyArray {
	var out compute.FirewallDenyArray
	for _, m := range matches {
		out = append(out, compute.FirewallDenyArgs{Protocol: pulumi.String(string(m.Protocol)), Ports: expandPorts(m)})
	}
	return out
}

// expandPorts gives GCP's port list: none for "all", else "443" or
// "1000-2000".
func expandPorts(m rules.Match) pulumi.StringArrayInput {
	if m.Protocol == requirements.All || m.Ports.IsAll() {
		return nil
	}
	return pulumi.ToStringArray([]string{m.Ports.String()})
}

func expandDirection(d requirements.Direction) string {
	if d == requirements.Ingress {
		return "INGRESS"
	}
	return "EGRESS"
}
