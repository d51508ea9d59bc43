package aws

import (
	"fmt"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// AWS's quota of rules per security group: "Inbound or outbound rules per
// security group" (Service Quotas, Amazon VPC, code L-0EA8095F), 60 by
// default and at most 1,000, inbound and outbound counted apart; the quota
// times "Security groups per network interface" may not pass 1,000. A rule
// that references a customer-managed prefix list counts as the list's max
// entries. https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
const (
	DefaultRulesPerSecurityGroup = 60
	maxRulesPerSecurityGroup     = 1000
)

// awsRuleCount is how AWS counts the appliance group's rules in one
// direction: plain rules once each, and each of agentRefs rules that
// reference the agents' prefix list as the list's max entries.
type awsRuleCount struct {
	direction requirements.Direction
	plain     int
	agentRefs int
}

func countAWSRules(rules []rules.Rule) []awsRuleCount {
	counts := []awsRuleCount{{direction: requirements.Ingress}, {direction: requirements.Egress}}
	for _, r := range rules {
		c := &counts[0]
		if r.Direction == requirements.Egress {
			c = &counts[1]
		}
		if r.Peer.Set == requirements.Agents {
			c.agentRefs++
		} else {
			c.plain++
		}
	}
	return counts
}

// with is the count for a prefix list of entries.
func (c awsRuleCount) with(entries int) int { return c.plain + c.agentRefs*entries }

// largest returns the direction that counts the most rules for a prefix
// list of entries, and that count.
func (p *Plan) largest(entries int) (awsRuleCount, int) {
	var most awsRuleCount
	n := -1
	for _, c := range p.ruleCounts {
		if c.with(entries) > n {
			most, n = c, c.with(entries)
		}
	}
	return most, n
}

// roomForEntries is the largest prefix list the quota leaves room for.
func (p *Plan) roomForEntries() int {
	room := maxPrefixListEntries
	for _, c := range p.ruleCounts {
		if c.agentRefs > 0 {
			room = min(room, (p.RulesPerSecurityGroup-c.plain)/c.agentRefs)
		}
	}
	return room
}

func (p *Plan) quotaName() string {
	if p.RulesPerSecurityGroup == DefaultRulesPerSecurityGroup {
		return fmt.Sprintf("AWS's default quota of %d rules per security group", p.RulesPerSecurityGroup)
	}
	return fmt.Sprintf("the quota of %d rules per security group in aws.rulesPerSecurityGroup", p.RulesPerSecurityGroup)
}

// checkRuleQuota checks the appliance group's rules, with the prefix list
// counted at its size, against the quota.
func (p *Plan) checkRuleQuota(pr *rules.Problems) {
	c, n := p.largest(p.AgentCIDRsMaxEntries)
	if n <= p.RulesPerSecurityGroup {
		return
	}
	var fixes []string
	if room := p.roomForEntries(); room >= 1 {
		fixes = append(fixes, fmt.Sprintf("lower aws.agentCidrsMaxEntries to at most %d", room))
	}
	fixes = append(fixes, raiseTo(n))
	pr.Add("aws.agentCidrsMaxEntries",
		"the appliance security group would count %d %s rules, over %s (the agents' prefix list counts as its %d entries in each of the %d %s rules that reference it); %s",
		n, c.direction, p.quotaName(), p.AgentCIDRsMaxEntries, c.agentRefs, c.direction, strings.Join(fixes, ", or "))
}

// CheckAgentCount checks that n agent CIDRs fit the prefix list, and says
// what it takes to make room when they do not.
func (p *Plan) CheckAgentCount(pr *rules.Problems, n int) {
	if n <= p.AgentCIDRsMaxEntries {
		return
	}
	c, need := p.largest(n)
	var fix string
	switch {
	case need <= p.RulesPerSecurityGroup:
		fix = fmt.Sprintf("set aws.agentCidrsMaxEntries to at least %d: the appliance security group then counts %d %s rules, within %s",
			n, need, c.direction, p.quotaName())
	case need <= maxRulesPerSecurityGroup && n <= maxPrefixListEntries:
		fix = fmt.Sprintf("a prefix list of %d entries makes the appliance security group count %d %s rules, over %s: %s, and set aws.agentCidrsMaxEntries to at least %d; or summarise the CIDRs into fewer, wider ones",
			n, need, c.direction, p.quotaName(), raiseTo(need), n)
	default:
		fix = fmt.Sprintf("a prefix list of %d entries would make the appliance security group count %d %s rules, over %d, the most AWS allows per security group even with a raised quota; summarise the CIDRs into fewer, wider ones",
			n, need, c.direction, maxRulesPerSecurityGroup)
	}
	pr.Add("agentCidrs", "%d CIDRs do not fit the agents' prefix list of %d entries (aws.agentCidrsMaxEntries); %s", n, p.AgentCIDRsMaxEntries, fix)
}

func raiseTo(n int) string {
	if n > maxRulesPerSecurityGroup {
		return fmt.Sprintf("AWS allows at most %d rules per security group even with a raised quota", maxRulesPerSecurityGroup)
	}
	return fmt.Sprintf(`raise the quota "Inbound or outbound rules per security group" (Service Quotas, Amazon VPC, L-0EA8095F) to at least %d and set aws.rulesPerSecurityGroup to it`, n)
}
