package rulestest

import "github.com/threatmanager/pulumi-threatmanager/provider/rules"

// The clouds' limits, from their documentation (the rule model cites each):
// AWS rules per security group (at most 1,000 even when raised) and prefix
// list entries; Azure address prefixes per network security group; GCP
// ranges per firewall rule.
const (
	awsMaxRuleQuota     = 1000
	awsMaxPrefixList    = 1000
	azureMaxPrefixes    = 4000
	gcpMaxRangesPerRule = 5000
	defaultAWSRuleQuota = 60
)

// checkQuotas: an accepted plan with known agent CIDRs fits every cloud's
// limits, counted here as each cloud counts, from the plan's own rules.
func checkQuotas(v *violations, in rules.Input, plan rules.Plan) {
	agents := len(plan.AgentCIDRs)
	if !in.AgentCIDRs.Known {
		return
	}
	if aws := plan.AWS; aws != nil {
		quota := defaultAWSRuleQuota
		if in.AWS.RulesPerSecurityGroup != nil {
			quota = *in.AWS.RulesPerSecurityGroup
		}
		v.check(aws.RulesPerSecurityGroup == quota && quota <= awsMaxRuleQuota, "AWS: rule quota %d, the input says %d", aws.RulesPerSecurityGroup, quota)
		v.check(agents <= aws.AgentCIDRsMaxEntries && aws.AgentCIDRsMaxEntries <= awsMaxPrefixList, "AWS: %d agent CIDRs in a prefix list of %d entries", agents, aws.AgentCIDRsMaxEntries)
		counts := map[string]int{}
		for _, r := range plan.Rules {
			if r.Peer.Set == "agents" {
				// AWS counts a prefix list at its max entries, not its use.
				counts[string(r.Direction)] += aws.AgentCIDRsMaxEntries
			} else {
				counts[string(r.Direction)]++
			}
		}
		for dir, n := range counts {
			v.check(n <= quota, "AWS: %d %s rules in the appliance security group, over the quota of %d", n, dir, quota)
		}
	}
	if az := plan.Azure; az != nil {
		total := 0
		for _, r := range az.SecurityRules {
			total += len(r.AddressPrefixes(plan.AgentCIDRs))
		}
		v.check(total <= azureMaxPrefixes, "Azure: %d address prefixes in the network security group, over %d", total, azureMaxPrefixes)
	}
	if g := plan.GCP; g != nil {
		for _, fw := range g.Firewalls {
			n := len(fw.AddressPrefixes(plan.AgentCIDRs))
			v.check(n <= gcpMaxRangesPerRule, "GCP: %d ranges in %s, over %d", n, fw.Name, gcpMaxRangesPerRule)
		}
	}
}
