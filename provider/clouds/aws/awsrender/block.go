package awsrender

import (
	"fmt"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Aws places the appliances in an existing VPC.
type Aws struct {
	VpcId                 pulumi.StringInput    `pulumi:"vpcId"`
	Subnets               []AwsSubnet           `pulumi:"subnets"`
	NatGatewayId          pulumi.StringPtrInput `pulumi:"natGatewayId,optional"`
	NamePrefix            *string               `pulumi:"namePrefix,optional"`
	AgentCidrsMaxEntries  *int                  `pulumi:"agentCidrsMaxEntries,optional"`
	RulesPerSecurityGroup *int                  `pulumi:"rulesPerSecurityGroup,optional"`
}

func (a *Aws) Annotate(an infer.Annotator) {
	an.SetToken("index", "Aws")
	an.Describe(&a.VpcId, "The VPC the appliances run in.")
	an.Describe(&a.Subnets, "The appliance subnets, one per availability zone; two or more for high availability. Each is private, with a default route to a NAT gateway.")
	an.Describe(&a.NatGatewayId, "The NAT gateway for every subnet's default route, unless a subnet names its own.")
	an.Describe(&a.NamePrefix, "Starts the names of the security groups, the prefix list, the SSH expiry's role and schedule, and the Name tags: letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*`, not starting with `sg-`, at most 217 characters (fewer when 244 minus the longest zone name is less, for the subnets' Name tags). Defaults to the component's name; an empty string is refused.")
	an.Describe(&a.AgentCidrsMaxEntries, "The size of the prefix list that holds the agent CIDRs. AWS counts it in full against the security group's rule quota in each of the three rules that reference it. From 1 to 1000; defaults to 20.")
	an.Describe(&a.RulesPerSecurityGroup, "Your account's quota of inbound (and, apart, outbound) rules per security group in the region: \"Inbound or outbound rules per security group\" in Service Quotas (Amazon VPC, L-0EA8095F). Set it after AWS raised the quota, to fit a larger prefix list; the appliance security group's rules are checked against it. From 1 to 1000; defaults to AWS's default, 60.")
}

// AwsSubnet is one appliance subnet.
type AwsSubnet struct {
	AvailabilityZone string                `pulumi:"availabilityZone"`
	CidrBlock        string                `pulumi:"cidrBlock"`
	NatGatewayId     pulumi.StringPtrInput `pulumi:"natGatewayId,optional"`
}

func (a *AwsSubnet) Annotate(an infer.Annotator) {
	an.SetToken("index", "AwsSubnet")
	an.Describe(&a.AvailabilityZone, "The availability zone, such as `us-east-1a`. The subnet's resources are named after it.")
	an.Describe(&a.CidrBlock, "The subnet's IPv4 CIDR, between /16 and /28, inside the VPC.")
	an.Describe(&a.NatGatewayId, "The NAT gateway for this subnet's default route (one per zone for high availability). Defaults to the block's `natGatewayId`.")
}

// Convert reads the block: the rule model's input, and the values that
// may be Outputs for the renderer. It decides each zone's NAT gateway here, once: the subnet's own,
// else the block's. Build refuses a zone with neither, so the renderer finds
// one for every zone of the plan.
func Convert(p *render.Presences, a *Aws) (rules.CloudInput, Inputs) {
	in := &aws.Input{
		VpcID:                 p.Of("aws.vpcId", a.VpcId),
		NATGateway:            p.OfPtr("aws.natGatewayId", a.NatGatewayId),
		NamePrefix:            a.NamePrefix,
		AgentCIDRsMaxEntries:  a.AgentCidrsMaxEntries,
		RulesPerSecurityGroup: a.RulesPerSecurityGroup,
	}
	nats := map[string]pulumi.StringInput{}
	for i, s := range a.Subnets {
		subnet := aws.SubnetInput{
			AvailabilityZone: s.AvailabilityZone,
			CIDRBlock:        s.CidrBlock,
			NATGateway:       p.OfPtr(fmt.Sprintf("aws.subnets[%d].natGatewayId", i), s.NatGatewayId),
		}
		in.Subnets = append(in.Subnets, subnet)
		switch {
		case subnet.NATGateway == rules.Present:
			nats[s.AvailabilityZone] = s.NatGatewayId.ToStringPtrOutput().Elem()
		case in.NATGateway == rules.Present:
			nats[s.AvailabilityZone] = a.NatGatewayId.ToStringPtrOutput().Elem()
		}
	}
	return in, Inputs{VpcID: a.VpcId, NATGateways: nats}
}

// layout is the plan's aws layout; the component renders aws only when the
// block was set, so it is there.
func layout(plan rules.Plan) *aws.Plan {
	l, _ := rules.CloudPlanOf[*aws.Plan](plan)
	return l
}

// Exports are the component's outputs for AWS, by their schema names.
func (o *Outputs) Exports() map[string]pulumi.Output {
	out := map[string]pulumi.Output{
		"awsSubnetIds":                o.SubnetIDs,
		"awsRouteTableIds":            o.RouteTableIDs,
		"awsApplianceSecurityGroupId": o.ApplianceSecurityGroupID,
		"awsAgentSecurityGroupId":     o.AgentSecurityGroupID,
		"awsAgentPrefixListId":        o.AgentPrefixListID,
	}
	if e := o.SSHExpiry; e != nil {
		out["awsSshExpiryScheduleGroupArn"] = e.ScheduleGroupARN
		out["awsSshExpiryScheduleArns"] = e.ScheduleARNs
		out["awsSshExpiryRoleArn"] = e.RoleARN
	}
	return out
}
