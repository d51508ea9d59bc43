package awsrender

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// peerRefs resolve the plan's symbolic peers to AWS references.
type peerRefs struct {
	prefixList pulumi.StringOutput
	appliances pulumi.StringOutput
}

// ruleArgs is the fields that ingress and egress rule resources share, in
// the cloud's own names.
type ruleArgs struct {
	IpProtocol                pulumi.String
	FromPort, ToPort          pulumi.IntPtrInput
	CidrIpv4                  pulumi.StringPtrInput
	PrefixListId              pulumi.StringPtrInput
	ReferencedSecurityGroupId pulumi.StringPtrInput
	Description               pulumi.String
	Tags                      pulumi.StringMap
}

// expandRule translates one planned rule into AWS's rule fields.
func expandRule(rule rules.Rule, peers peerRefs, tags map[string]string) ruleArgs {
	args := ruleArgs{
		IpProtocol:  pulumi.String(expandProtocol(rule.Protocol)),
		Description: pulumi.String(rule.Description),
		Tags:        pulumi.ToStringMap(tags),
	}
	// AWS takes no ports for protocol -1.
	if rule.Protocol != requirements.All {
		args.FromPort = pulumi.IntPtr(int(rule.Ports.First))
		args.ToPort = pulumi.IntPtr(int(rule.Ports.Last))
	}
	switch rule.Peer.Set {
	case requirements.Agents:
		args.PrefixListId = peers.prefixList.ToStringPtrOutput()
	case requirements.Appliances:
		args.ReferencedSecurityGroupId = peers.appliances.ToStringPtrOutput()
	default:
		args.CidrIpv4 = pulumi.StringPtr(rule.Peer.Prefix.String())
	}
	return args
}

func expandProtocol(p requirements.Protocol) string {
	if p == requirements.All {
		return "-1"
	}
	return string(p)
}

// newRule creates the rule resource and returns its security group rule id
// (sgr-…), which the SSH expiry's revoke call names.
func newRule(ctx *pulumi.Context, name string, group *ec2.SecurityGroup, rule rules.Rule, peers peerRefs, tags map[string]string, opts []pulumi.ResourceOption) (pulumi.StringOutput, error) {
	a := expandRule(rule, peers, tags)
	switch rule.Direction {
	case requirements.Ingress:
		r, err := vpc.NewSecurityGroupIngressRule(ctx, name, &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId: group.ID(), IpProtocol: a.IpProtocol, FromPort: a.FromPort, ToPort: a.ToPort,
			CidrIpv4: a.CidrIpv4, PrefixListId: a.PrefixListId, ReferencedSecurityGroupId: a.ReferencedSecurityGroupId,
			Description: a.Description, Tags: a.Tags,
		}, opts...)
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		return r.SecurityGroupRuleId, nil
	case requirements.Egress:
		r, err := vpc.NewSecurityGroupEgressRule(ctx, name, &vpc.SecurityGroupEgressRuleArgs{
			SecurityGroupId: group.ID(), IpProtocol: a.IpProtocol, FromPort: a.FromPort, ToPort: a.ToPort,
			CidrIpv4: a.CidrIpv4, PrefixListId: a.PrefixListId, ReferencedSecurityGroupId: a.ReferencedSecurityGroupId,
			Description: a.Description, Tags: a.Tags,
		}, opts...)
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		return r.SecurityGroupRuleId, nil
	}
	return pulumi.StringOutput{}, fmt.Errorf("rule %s has no direction", rule.Key())
}

// expandPrefixListEntries translates the agent CIDRs (canonical and sorted
// by the component, maybe only known at deployment) into list entries.
func expandPrefixListEntries(agentCIDRs pulumi.StringArrayOutput) ec2.ManagedPrefixListEntryTypeArrayOutput {
	return agentCIDRs.ApplyT(func(cidrs []string) []ec2.ManagedPrefixListEntryType {
		entries := make([]ec2.ManagedPrefixListEntryType, len(cidrs))
		for i, cidr := range cidrs {
			entries[i] = ec2.ManagedPrefixListEntryType{Cidr: cidr, Description: pulumi.StringRef("Threat Manager agents")}
		}
		return entries
	}).(ec2.ManagedPrefixListEntryTypeArrayOutput)
}
