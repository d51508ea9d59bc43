package aws

import "github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"

// ruleDelta is how the rule delta reads AWS's resources: one resource per
// rule and direction, peers that name security groups and the prefix list
// of agent CIDRs, and an EventBridge schedule per SSH rule.
var ruleDelta = cloud.Delta{
	Rules: map[string]func(map[string]any, cloud.IDNames) *cloud.Rule{
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": func(in map[string]any, names cloud.IDNames) *cloud.Rule {
			return decodeRule("ingress", in, names)
		},
		"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": func(in map[string]any, names cloud.IDNames) *cloud.Rule {
			return decodeRule("egress", in, names)
		},
	},
	Expiries: map[string]func(map[string]any, cloud.IDNames) *cloud.Expiry{
		"aws:scheduler/schedule:Schedule": decodeSchedule,
	},
	NamedPeers: []string{"aws:ec2/securityGroup:SecurityGroup", "aws:ec2/managedPrefixList:ManagedPrefixList"},
	AgentLists: map[string]cloud.AgentList{
		"aws:ec2/managedPrefixList:ManagedPrefixList": {Kind: "prefix list", Entries: prefixListEntries},
	},
	TagInputs:  []string{"tags", "tagsAll"},
	Groups:     driftGroups,
	RuleGroups: driftRuleGroups,
}

// decodeRule reads a security group ingress or egress rule.
func decodeRule(direction string, in map[string]any, names cloud.IDNames) *cloud.Rule {
	r := &cloud.Rule{Direction: direction, Description: cloud.Text(in["description"])}
	r.Protocol = cloud.Protocol(cloud.Text(in["ipProtocol"]))
	if r.Protocol == "all" || (in["fromPort"] == nil && in["toPort"] == nil) {
		r.Ports = "all"
	} else {
		r.Ports = cloud.PortRange(cloud.Text(in["fromPort"]), cloud.Text(in["toPort"]))
	}
	switch {
	case in["cidrIpv4"] != nil:
		r.Peer = cloud.Text(in["cidrIpv4"])
	case in["cidrIpv6"] != nil:
		r.Peer = cloud.Text(in["cidrIpv6"])
	case in["prefixListId"] != nil:
		r.Peer = "prefix list " + names.Named(cloud.Text(in["prefixListId"]))
	case in["referencedSecurityGroupId"] != nil:
		r.Peer = "security group " + names.Named(cloud.Text(in["referencedSecurityGroupId"]))
	}
	r.Other = cloud.Others(in, "description", "ipProtocol", "fromPort", "toPort",
		"cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId")
	return r
}

// prefixListEntries are the CIDRs of a managed prefix list.
func prefixListEntries(in map[string]any) []string {
	list, _ := in["entries"].([]any)
	var cidrs []string
	for _, e := range list {
		m, _ := e.(map[string]any)
		cidrs = append(cidrs, cloud.Text(m["cidr"]))
	}
	return cidrs
}
