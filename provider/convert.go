package provider

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"

	awsrender "github.com/threatmanager/pulumi-threatmanager/provider/render/aws"
	azurerender "github.com/threatmanager/pulumi-threatmanager/provider/render/azure"
	gcprender "github.com/threatmanager/pulumi-threatmanager/provider/render/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// toRulesInput converts the Pulumi arguments into the rule model's plain
// input. Agent CIDRs may be Outputs: when they are known they are checked
// now with everything else; when not (a preview of a new VPC) they are
// checked as they resolve, before the prefix list or rules take them.
func toRulesInput(ctx *pulumi.Context, args ThreatManagerArgs) (rules.Input, pulumi.StringArrayOutput, error) {
	in := rules.Input{
		EgressHTTP:          args.EgressHttp,
		ActiveScanning:      args.ActiveScanning,
		DNSServers:          args.DnsServers,
		ExtraNTPRanges:      args.ExtraNtpRanges,
		DatacenterRanges:    args.DatacenterRanges,
		DatacenterNTPRanges: args.DatacenterNtpRanges,
		Tags:                args.Tags,
	}
	if args.Datacenter != nil {
		in.Datacenter = string(*args.Datacenter)
	}

	agents := pulumi.ToStringArray(nil).ToStringArrayOutput()
	if args.AgentCidrs == nil {
		in.AgentCIDRs = rules.KnownAgents()
	} else {
		agents = args.AgentCidrs.ToStringArrayOutput()
		resolved, err := internals.UnsafeAwaitOutput(ctx.Context(), agents)
		if err != nil {
			return rules.Input{}, agents, fmt.Errorf("agentCidrs: %w", err)
		}
		in.AgentCIDRs.Known = resolved.Known
		if resolved.Known {
			in.AgentCIDRs.Values, _ = resolved.Value.([]string)
		}
	}

	if s := args.SshAccess; s != nil {
		in.SSHAccess = &rules.SSHAccessInput{
			ExpiresAt:                     s.ExpiresAt,
			Sources:                       s.Sources,
			AllowSourcesOutsideDatacenter: deref(s.AllowSourcesOutsideDatacenter),
			MaxWindowHours:                deref(s.MaxWindowHours),
		}
	}
	if a := args.Aws; a != nil {
		in.AWS = &rules.AWSInput{
			HasNATGateway:        a.NatGatewayId != nil,
			NamePrefix:           deref(a.NamePrefix),
			AgentCIDRsMaxEntries: deref(a.AgentCidrsMaxEntries),
			HasVpcID:             a.VpcId != nil,
		}
		for _, s := range a.Subnets {
			in.AWS.Subnets = append(in.AWS.Subnets, rules.AWSSubnetInput{
				AvailabilityZone: s.AvailabilityZone,
				CIDRBlock:        s.CidrBlock,
				HasNATGateway:    s.NatGatewayId != nil,
			})
		}
	}
	if a := args.Azure; a != nil {
		in.Azure = &rules.AzureInput{
			HasResourceGroupName:  a.ResourceGroupName != nil,
			HasVirtualNetworkName: a.VirtualNetworkName != nil,
			SubnetAddressPrefix:   a.SubnetAddressPrefix,
			NamePrefix:            deref(a.NamePrefix),
			FirstPriority:         deref(a.FirstPriority),
		}
	}
	if g := args.Gcp; g != nil {
		in.GCP = &rules.GCPInput{
			Region:     g.Region,
			HasNetwork: g.Network != nil,
			SubnetCIDR: g.SubnetCidr,
			NamePrefix: deref(g.NamePrefix),
		}
	}
	return in, agents, nil
}

func awsInputs(a *Aws) awsrender.Inputs {
	nats := map[string]pulumi.StringInput{}
	for _, s := range a.Subnets {
		switch {
		case s.NatGatewayId != nil:
			nats[s.AvailabilityZone] = s.NatGatewayId.ToStringPtrOutput().Elem()
		case a.NatGatewayId != nil:
			nats[s.AvailabilityZone] = a.NatGatewayId.ToStringPtrOutput().Elem()
		}
	}
	return awsrender.Inputs{VpcID: a.VpcId, NATGateways: nats}
}

func azureInputs(a *Azure) azurerender.Inputs {
	return azurerender.Inputs{ResourceGroupName: a.ResourceGroupName, Location: a.Location, VirtualNetworkName: a.VirtualNetworkName}
}

func gcpInputs(g *Gcp) gcprender.Inputs {
	return gcprender.Inputs{Project: g.Project, Network: g.Network}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
