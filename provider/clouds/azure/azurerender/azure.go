package azurerender

import (
	network "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Inputs are the Azure values that may be Outputs of the user's resources.
type Inputs struct {
	ResourceGroupName  pulumi.StringInput
	Location           pulumi.StringPtrInput
	VirtualNetworkName pulumi.StringInput
}

// Outputs are what the component exports for Azure.
type Outputs struct {
	SubnetID               pulumi.StringOutput
	NetworkSecurityGroupID pulumi.StringOutput
	// SecurityRuleNames are inbound then outbound, each by priority.
	SecurityRuleNames pulumi.StringArrayOutput
	// SSHExpiry is set when the cloud closes SSH by itself.
	SSHExpiry *SSHExpiryOutputs
}

// Render creates the Azure stack for plan as children of parent.
func Render(ctx *pulumi.Context, parent pulumi.Resource, plan rules.Plan, agentCIDRs pulumi.StringArrayOutput, in Inputs) (*Outputs, error) {
	az := layout(plan)
	opts := []pulumi.ResourceOption{pulumi.Parent(parent)}

	// No inline securityRules: the rules are SecurityRule resources, so a
	// preview shows one create, update or delete per rule (opening SSH is
	// one create and nothing else). azure-native must never see both
	// styles on one group.
	nsg, err := network.NewNetworkSecurityGroup(ctx, render.ChildName(plan.Name, "nsg"), &network.NetworkSecurityGroupArgs{
		NetworkSecurityGroupName: pulumi.String(az.NetworkSecurityGroupName),
		ResourceGroupName:        in.ResourceGroupName,
		Location:                 in.Location,
		Tags:                     pulumi.ToStringMap(plan.TagsFor(rules.RoleAppliances)),
	}, opts...)
	if err != nil {
		return nil, err
	}

	var created, allows []pulumi.Resource
	byName := map[string]*network.SecurityRule{}
	names := make([]string, 0, len(az.SecurityRules))
	for _, rule := range az.SecurityRules {
		ruleOpts := opts
		if rule.Access == rules.Deny {
			// Created after the allows and deleted before them, so the
			// appliances never see the deny without their allows.
			ruleOpts = append(ruleOpts, pulumi.DependsOn(allows))
		}
		r, err := network.NewSecurityRule(ctx, render.ChildName(plan.Name, rule.Name),
			expandSecurityRule(rule, nsg.Name, in.ResourceGroupName, agentCIDRs), ruleOpts...)
		if err != nil {
			return nil, err
		}
		created = append(created, r)
		byName[rule.Name] = r
		if rule.Access == rules.Allow {
			allows = append(allows, r)
		}
		names = append(names, rule.Name)
	}

	// The subnet is a resource of its own, not inline in the virtual
	// network (which must not list subnets inline either). It waits for
	// the rules, so the group it joins already carries them.
	subnet, err := network.NewSubnet(ctx, render.ChildName(plan.Name, "subnet"), &network.SubnetArgs{
		SubnetName:           pulumi.String(az.SubnetName),
		ResourceGroupName:    in.ResourceGroupName,
		VirtualNetworkName:   in.VirtualNetworkName,
		AddressPrefix:        pulumi.String(az.SubnetAddressPrefix.String()),
		NetworkSecurityGroup: &network.NetworkSecurityGroupTypeArgs{Id: nsg.ID().ToStringOutput()},
	}, append(opts, pulumi.DependsOn(created))...)
	if err != nil {
		return nil, err
	}

	out := &Outputs{
		SubnetID:               subnet.ID().ToStringOutput(),
		NetworkSecurityGroupID: nsg.ID().ToStringOutput(),
		SecurityRuleNames:      pulumi.ToStringArray(names).ToStringArrayOutput(),
	}
	if e := az.SSHExpiry; e != nil {
		if out.SSHExpiry, err = newSSHExpiry(ctx, plan, in, nsg, byName[e.RuleName], opts); err != nil {
			return nil, err
		}
	}
	return out, nil
}
