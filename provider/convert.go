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

// converted is the component's args, converted once: the rule model's
// plain input, the agent CIDRs as given, and each cloud's deploy-time values
// (which may be Outputs of the user's other resources). Nothing after this
// reads the args.
type converted struct {
	rules  rules.Input
	agents pulumi.StringArrayOutput
	aws    awsrender.Inputs
	azure  azurerender.Inputs
	gcp    gcprender.Inputs
}

// convert turns the Pulumi arguments into the rule model's input and the
// renderers' inputs. Agent CIDRs may be Outputs: when they are known they
// are checked by Build with everything else; when not (a preview of a new
// VPC) the component checks them as they resolve.
func convert(ctx *pulumi.Context, args ThreatManagerArgs) (converted, error) {
	c := converted{rules: rules.Input{
		EgressHTTP:          args.EgressHttp,
		ActiveScanning:      args.ActiveScanning,
		DenyOtherInbound:    args.DenyOtherInbound,
		DNSServers:          args.DnsServers,
		ExtraNTPRanges:      args.ExtraNtpRanges,
		DatacenterRanges:    args.DatacenterRanges,
		DatacenterNTPRanges: args.DatacenterNtpRanges,
		Tags:                args.Tags,
	}}
	in := &c.rules
	if args.Datacenter != nil {
		in.Datacenter = string(*args.Datacenter)
	}

	c.agents = pulumi.ToStringArray(nil).ToStringArrayOutput()
	if args.AgentCidrs == nil {
		in.AgentCIDRs = rules.KnownAgents()
	} else {
		c.agents = args.AgentCidrs.ToStringArrayOutput()
		resolved, err := internals.UnsafeAwaitOutput(ctx.Context(), c.agents)
		if err != nil {
			return converted{}, fmt.Errorf("agentCidrs: %w", err)
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
			EnforceInCloud:                s.EnforceInCloud,
		}
	}
	if a := args.Aws; a != nil {
		in.AWS, c.aws = convertAWS(a)
	}
	if a := args.Azure; a != nil {
		in.Azure = &rules.AzureInput{
			HasResourceGroupName:  a.ResourceGroupName != nil,
			HasVirtualNetworkName: a.VirtualNetworkName != nil,
			SubnetAddressPrefix:   a.SubnetAddressPrefix,
			NamePrefix:            deref(a.NamePrefix),
			FirstPriority:         deref(a.FirstPriority),
		}
		c.azure = azurerender.Inputs{ResourceGroupName: a.ResourceGroupName, Location: a.Location, VirtualNetworkName: a.VirtualNetworkName}
	}
	if g := args.Gcp; g != nil {
		in.GCP = &rules.GCPInput{
			Region:     g.Region,
			HasNetwork: g.Network != nil,
			SubnetCIDR: g.SubnetCidr,
			NamePrefix: deref(g.NamePrefix),
		}
		c.gcp = gcprender.Inputs{Project: g.Project, Network: g.Network}
	}
	return c, nil
}

// convertAWS decides each zone's NAT gateway here, once: the subnet's own,
// else the block's. Build refuses a zone with neither, so the renderer finds
// one for every zone of the plan.
func convertAWS(a *Aws) (*rules.AWSInput, awsrender.Inputs) {
	in := &rules.AWSInput{
		HasVpcID:             a.VpcId != nil,
		HasNATGateway:        a.NatGatewayId != nil,
		NamePrefix:           deref(a.NamePrefix),
		AgentCIDRsMaxEntries: deref(a.AgentCidrsMaxEntries),
	}
	nats := map[string]pulumi.StringInput{}
	for _, s := range a.Subnets {
		in.Subnets = append(in.Subnets, rules.AWSSubnetInput{
			AvailabilityZone: s.AvailabilityZone,
			CIDRBlock:        s.CidrBlock,
			HasNATGateway:    s.NatGatewayId != nil,
		})
		switch {
		case s.NatGatewayId != nil:
			nats[s.AvailabilityZone] = s.NatGatewayId.ToStringPtrOutput().Elem()
		case a.NatGatewayId != nil:
			nats[s.AvailabilityZone] = a.NatGatewayId.ToStringPtrOutput().Elem()
		}
	}
	return in, awsrender.Inputs{VpcID: a.VpcId, NATGateways: nats}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
