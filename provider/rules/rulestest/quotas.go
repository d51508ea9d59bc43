package rulestest

import (
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

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
	if a, ok := rules.CloudPlanOf[*aws.Plan](plan); ok {
		block, _ := CloudInputOf[*aws.Input](in)
		quota := defaultAWSRuleQuota
		if block.RulesPerSecurityGroup != nil {
			quota = *block.RulesPerSecurityGroup
		}
		v.check(a.RulesPerSecurityGroup == quota && quota <= awsMaxRuleQuota, "AWS: rule quota %d, the input says %d", a.RulesPerSecurityGroup, quota)
		v.check(agents <= a.AgentCIDRsMaxEntries && a.AgentCIDRsMaxEntries <= awsMaxPrefixList, "AWS: %d agent CIDRs in a prefix list of %d entries", agents, a.AgentCIDRsMaxEntries)
		counts := map[requirements.Direction]int{}
		for _, r := range plan.Rules {
			if r.Peer.Set == requirements.Agents {
				// AWS counts a prefix list at its max entries, not its use.
				counts[r.Direction] += a.AgentCIDRsMaxEntries
			} else {
				counts[r.Direction]++
			}
		}
		for dir, n := range counts {
			v.check(n <= quota, "AWS: %d %s rules in the appliance security group, over the quota of %d", n, dir, quota)
		}
	}
	if az, ok := rules.CloudPlanOf[*azure.Plan](plan); ok {
		total := 0
		for _, r := range az.SecurityRules {
			total += len(r.AddressPrefixes(plan.AgentCIDRs))
		}
		v.check(total <= azureMaxPrefixes, "Azure: %d address prefixes in the network security group, over %d", total, azureMaxPrefixes)
	}
	if g, ok := rules.CloudPlanOf[*gcp.Plan](plan); ok {
		for _, fw := range g.Firewalls {
			n := len(fw.AddressPrefixes(plan.AgentCIDRs))
			v.check(n <= gcpMaxRangesPerRule, "GCP: %d ranges in %s, over %d", n, fw.Name, gcpMaxRangesPerRule)
		}
	}
}
