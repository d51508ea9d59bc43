package aws

import (
	"maps"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// The drift check (ruledelta -drift) finds rules added by hand on the
// component's security groups. terraform-provider-aws reads every rule of a
// group into the group's ingress and egress (one entry per protocol and port
// range, with any number of sources), so after a refresh a group lists the
// stack's rules, which are VPC security group rule resources, and any other.
// A listed rule no rule resource of the stack holds is one added by hand.

const (
	ingressRuleType   = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	egressRuleType    = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	securityGroupType = "aws:ec2/securityGroup:SecurityGroup"
)

var driftGroups = map[string]cloud.Group{
	securityGroupType: {
		Key:   func(id string, _, _ map[string]any) string { return id },
		Rules: groupRules,
	},
}

var driftRuleGroups = map[string]func(string, map[string]any, map[string]any) (string, []string){
	ingressRuleType: func(_ string, in, _ map[string]any) (string, []string) { return ruleOnGroup("ingress", in) },
	egressRuleType:  func(_ string, in, _ map[string]any) (string, []string) { return ruleOnGroup("egress", in) },
}

// ruleOnGroup is a rule resource's group and the key of its one rule.
func ruleOnGroup(direction string, in map[string]any) (string, []string) {
	return cloud.Text(in["securityGroupId"]), []string{ruleKey(decodeRule(direction, in, nil))}
}

// ruleKey is what makes two rules of one group the same rule to AWS: the
// direction, protocol, ports and the one source or destination, by id.
func ruleKey(r *cloud.Rule) string {
	return strings.Join([]string{r.Direction, r.Protocol, r.Ports, r.Peer}, "|")
}

// groupRules are the rules a group's refreshed ingress and egress list,
// one per source or destination, as a rule resource would hold each.
func groupRules(id string, out map[string]any, names cloud.IDNames) []cloud.GroupRule {
	var rules []cloud.GroupRule
	for _, direction := range []string{"ingress", "egress"} {
		entries, _ := out[direction].([]any)
		for _, e := range entries {
			perm, _ := e.(map[string]any)
			for _, in := range permissionRules(id, perm) {
				rules = append(rules, cloud.GroupRule{
					Key:  ruleKey(decodeRule(direction, in, nil)),
					Rule: decodeRule(direction, in, names),
				})
			}
		}
	}
	return rules
}

// permissionRules splits one entry of a group's ingress or egress into the
// inputs of one rule resource per source or destination.
func permissionRules(groupID string, perm map[string]any) []map[string]any {
	base := map[string]any{"ipProtocol": perm["protocol"], "fromPort": perm["fromPort"], "toPort": perm["toPort"]}
	if d := cloud.Text(perm["description"]); d != "" {
		base["description"] = d
	}
	var rules []map[string]any
	add := func(key string, peers any) {
		list, _ := peers.([]any)
		for _, p := range list {
			in := maps.Clone(base)
			in[key] = p
			rules = append(rules, in)
		}
	}
	add("cidrIpv4", perm["cidrBlocks"])
	add("cidrIpv6", perm["ipv6CidrBlocks"])
	add("prefixListId", perm["prefixListIds"])
	add("referencedSecurityGroupId", perm["securityGroups"])
	if perm["self"] == true { //nolint:revive // a JSON value: only the boolean true counts
		add("referencedSecurityGroupId", []any{groupID})
	}
	return rules
}
