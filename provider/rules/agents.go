package rules

import (
	"fmt"
	"net/netip"
)

// ValidateAgentCIDRs checks agent CIDRs against everything the plan holds:
// their form (at least one, canonical IPv4, never the whole internet, no
// repeats), the AWS prefix list's size and Azure's prefix quota. Build runs
// the same checks when the CIDRs are known; the component runs this once
// for CIDRs that were Outputs unknown at planning.
func (p Plan) ValidateAgentCIDRs(cidrs []string) error {
	var pr problems
	p.checkAgents(&pr, cidrs)
	return pr.err()
}

func (p Plan) checkAgents(pr *problems, cidrs []string) {
	before := len(pr.list)
	agents := checkAgentCIDRs(pr, cidrs)
	if len(pr.list) > before {
		return
	}
	if p.AWS != nil {
		checkAgentCount(pr, len(agents), p.AWS.AgentCIDRsMaxEntries)
	}
	if p.Azure != nil {
		p.Azure.checkPrefixQuota(pr, len(agents))
	}
}

func checkAgentCIDRs(p *problems, cidrs []string) []netip.Prefix {
	if len(cidrs) == 0 {
		p.add("agentCidrs", "at least one agent CIDR is required")
		return nil
	}
	seen := map[netip.Prefix]int{}
	var out []netip.Prefix
	for i, c := range cidrs {
		field := fmt.Sprintf("agentCidrs[%d]", i)
		// Checked before parsing so ::/0 gets this message, not "not IPv4".
		if isWholeInternet(c) {
			p.add(field, "%q is the whole internet; agent CIDRs must be the networks where agents run", c)
			continue
		}
		prefix, err := parseIPv4Prefix(field, c)
		if err != nil {
			p.addErr(err)
			continue
		}
		if first, dup := seen[prefix]; dup {
			p.add(field, "%q repeats agentCidrs[%d]", c, first)
			continue
		}
		seen[prefix] = i
		out = append(out, prefix)
	}
	sortPrefixes(out)
	return out
}
