package awsrender

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Inputs are the AWS values that may be Outputs of the user's other
// resources, so they stay out of the (plain) plan.
type Inputs struct {
	VpcID pulumi.StringInput
	// NATGateways maps each availability zone to its NAT gateway.
	NATGateways map[string]pulumi.StringInput
}

// Outputs are what the component exports for AWS.
type Outputs struct {
	SubnetIDs                pulumi.StringArrayOutput
	RouteTableIDs            pulumi.StringArrayOutput
	ApplianceSecurityGroupID pulumi.StringOutput
	AgentSecurityGroupID     pulumi.StringOutput
	AgentPrefixListID        pulumi.StringOutput
	// SSHExpiry is set when the cloud closes SSH by itself.
	SSHExpiry *SSHExpiryOutputs
}

// Render creates the AWS stack for plan as children of parent.
func Render(ctx *pulumi.Context, parent pulumi.Resource, plan rules.Plan, agentCIDRs pulumi.StringArrayOutput, in Inputs) (*Outputs, error) {
	opts := []pulumi.ResourceOption{pulumi.Parent(parent)}
	out := &Outputs{}

	subnetIDs, routeTableIDs, err := newSubnets(ctx, plan, in, opts)
	if err != nil {
		return nil, err
	}
	out.SubnetIDs, out.RouteTableIDs = subnetIDs, routeTableIDs

	prefixList, err := ec2.NewManagedPrefixList(ctx, render.ChildName(plan.Name, "agent-cidrs"), &ec2.ManagedPrefixListArgs{
		Name:          pulumi.String(layout(plan).NamePrefix + "-agent-cidrs"),
		AddressFamily: pulumi.String("IPv4"),
		MaxEntries:    pulumi.Int(layout(plan).AgentCIDRsMaxEntries),
		Entries:       expandPrefixListEntries(agentCIDRs),
		Tags:          namedTags(plan, rules.RoleAgents, layout(plan).NamePrefix+"-agent-cidrs"),
	}, opts...)
	if err != nil {
		return nil, err
	}
	out.AgentPrefixListID = prefixList.ID().ToStringOutput()

	appliances, err := newSecurityGroup(ctx, plan, in, "appliances", rules.RoleAppliances,
		"Threat Manager appliances: the documented ingress and egress rules only", opts)
	if err != nil {
		return nil, err
	}
	out.ApplianceSecurityGroupID = appliances.ID().ToStringOutput()

	agents, err := newSecurityGroup(ctx, plan, in, "agents", rules.RoleAgents,
		"Monitored instances: lets Threat Manager agents reach their appliances", opts)
	if err != nil {
		return nil, err
	}
	out.AgentSecurityGroupID = agents.ID().ToStringOutput()

	peers := peerRefs{prefixList: prefixList.ID().ToStringOutput(), appliances: appliances.ID().ToStringOutput()}
	var sshRules []sshRuleRef
	for _, rule := range plan.Rules {
		ruleOpts := opts
		if rule.Purpose == requirements.SSH {
			ruleOpts = append(ruleOpts, render.PerSSHWindow()...)
		}
		id, err := newRule(ctx, render.ChildName(plan.Name, rule.Key()), appliances, rule, peers, plan.TagsFor(rules.RoleAppliances), ruleOpts)
		if err != nil {
			return nil, err
		}
		if rule.Purpose == requirements.SSH {
			sshRules = append(sshRules, sshRuleRef{Key: rule.Key(), ID: id})
		}
	}
	for _, rule := range plan.AgentSideRules {
		if _, err := newRule(ctx, render.ChildName(plan.Name, "agents", rule.Key()), agents, rule, peers, plan.TagsFor(rules.RoleAgents), opts); err != nil {
			return nil, err
		}
	}
	if layout(plan).SSHExpiryNamePrefix != "" {
		if out.SSHExpiry, err = newSSHExpiry(ctx, plan, appliances, sshRules, opts); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func newSecurityGroup(ctx *pulumi.Context, plan rules.Plan, in Inputs, suffix, role, description string, opts []pulumi.ResourceOption) (*ec2.SecurityGroup, error) {
	name := layout(plan).NamePrefix + "-" + suffix
	// No inline ingress or egress: the rules are separate resources, and a
	// group created without inline egress loses AWS's default allow-all.
	return ec2.NewSecurityGroup(ctx, render.ChildName(plan.Name, suffix), &ec2.SecurityGroupArgs{
		VpcId:       in.VpcID,
		NamePrefix:  pulumi.String(name + "-"),
		Description: pulumi.String(description),
		Tags:        namedTags(plan, role, name),
	}, opts...)
}
