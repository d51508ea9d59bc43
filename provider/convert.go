package provider

import (
	"errors"
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
		dc := string(*args.Datacenter)
		in.Datacenter = &dc
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
		in.AgentCIDRs.Known, in.AgentCIDRs.Secret = resolved.Known, resolved.Secret
		if resolved.Known {
			in.AgentCIDRs.Values, _ = resolved.Value.([]string)
		}
	}

	if s := args.SshAccess; s != nil {
		in.SSHAccess = &rules.SSHAccessInput{
			ExpiresAt:                     s.ExpiresAt,
			Sources:                       s.Sources,
			AllowSourcesOutsideDatacenter: deref(s.AllowSourcesOutsideDatacenter),
			MaxWindowHours:                s.MaxWindowHours,
			EnforceInCloud:                s.EnforceInCloud,
		}
	}
	p := presences{ctx: ctx}
	if a := args.Aws; a != nil {
		in.AWS, c.aws = convertAWS(&p, a)
	}
	if a := args.Azure; a != nil {
		in.Azure = &rules.AzureInput{
			ResourceGroupName:   p.of("azure.resourceGroupName", a.ResourceGroupName),
			Location:            p.ofPtr("azure.location", a.Location),
			VirtualNetworkName:  p.of("azure.virtualNetworkName", a.VirtualNetworkName),
			SubnetAddressPrefix: a.SubnetAddressPrefix,
			NamePrefix:          a.NamePrefix,
			FirstPriority:       a.FirstPriority,
		}
		c.azure = azurerender.Inputs{ResourceGroupName: a.ResourceGroupName, Location: a.Location, VirtualNetworkName: a.VirtualNetworkName}
	}
	if g := args.Gcp; g != nil {
		in.GCP = &rules.GCPInput{
			Project:    p.ofPtr("gcp.project", g.Project),
			Region:     g.Region,
			Network:    p.of("gcp.network", g.Network),
			SubnetCIDR: g.SubnetCidr,
			NamePrefix: g.NamePrefix,
		}
		c.gcp = gcprender.Inputs{Project: g.Project, Network: g.Network}
	}
	return c, p.err
}

// convertAWS decides each zone's NAT gateway here, once: the subnet's own,
// else the block's. Build refuses a zone with neither, so the renderer finds
// one for every zone of the plan.
func convertAWS(p *presences, a *Aws) (*rules.AWSInput, awsrender.Inputs) {
	in := &rules.AWSInput{
		VpcID:                 p.of("aws.vpcId", a.VpcId),
		NATGateway:            p.ofPtr("aws.natGatewayId", a.NatGatewayId),
		NamePrefix:            a.NamePrefix,
		AgentCIDRsMaxEntries:  a.AgentCidrsMaxEntries,
		RulesPerSecurityGroup: a.RulesPerSecurityGroup,
	}
	nats := map[string]pulumi.StringInput{}
	for i, s := range a.Subnets {
		subnet := rules.AWSSubnetInput{
			AvailabilityZone: s.AvailabilityZone,
			CIDRBlock:        s.CidrBlock,
			NATGateway:       p.ofPtr(fmt.Sprintf("aws.subnets[%d].natGatewayId", i), s.NatGatewayId),
		}
		in.Subnets = append(in.Subnets, subnet)
		switch {
		case subnet.NATGateway == rules.Present:
			nats[s.AvailabilityZone] = s.NatGatewayId.ToStringPtrOutput().Elem()
		case in.NATGateway == rules.Present:
			nats[s.AvailabilityZone] = a.NatGatewayId.ToStringPtrOutput().Elem()
		}
	}
	return in, awsrender.Inputs{VpcID: a.VpcId, NATGateways: nats}
}

// presences tells, for values that may be Outputs, whether they were given:
// known values are awaited, so an empty string is seen before anything is
// registered; a value not known yet (a preview of a new resource) counts as
// present.
type presences struct {
	ctx *pulumi.Context
	err error
}

func (p *presences) of(field string, v pulumi.StringInput) rules.Presence {
	if v == nil {
		return rules.Absent
	}
	return p.await(field, v.ToStringOutput().ApplyT(func(s string) *string { return &s }).(pulumi.StringPtrOutput))
}

func (p *presences) ofPtr(field string, v pulumi.StringPtrInput) rules.Presence {
	if v == nil {
		return rules.Absent
	}
	return p.await(field, v.ToStringPtrOutput())
}

func (p *presences) await(field string, out pulumi.StringPtrOutput) rules.Presence {
	resolved, err := internals.UnsafeAwaitOutput(p.ctx.Context(), out)
	switch {
	case err != nil:
		p.err = errors.Join(p.err, fmt.Errorf("%s: %w", field, err))
		return rules.Absent
	case !resolved.Known:
		return rules.Present
	}
	s, _ := resolved.Value.(*string)
	switch {
	case s == nil:
		return rules.Absent
	case *s == "":
		return rules.Empty
	}
	return rules.Present
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
