package rules

import (
	"fmt"
	"net/netip"
)

// ValidateAgentCIDRs checks agent CIDRs: at least one, each a canonical IPv4
// CIDR, none the whole internet, no repeats. Build calls it for known values;
// the component calls it again when Output values resolve.
func ValidateAgentCIDRs(cidrs []string) error {
	var p problems
	checkAgentCIDRs(&p, cidrs)
	return p.err()
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
