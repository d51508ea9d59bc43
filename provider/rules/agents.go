package rules

import (
	"fmt"
	"net/netip"
)

// CanonicalAgentCIDRs checks agent CIDRs against everything the plan holds
// (their form: at least one, canonical IPv4, never the whole internet, no
// repeats; the AWS prefix list's size and rule quota; Azure's prefix limit;
// GCP's ranges per firewall rule) and returns
// them in address order. Build runs the same checks when the CIDRs are
// known and keeps the result in Plan.AgentCIDRs; the component calls this
// once for CIDRs that were Outputs unknown at planning. Renderers only ever
// see its result.
func (p Plan) CanonicalAgentCIDRs(cidrs []string) ([]string, error) {
	var pr Problems
	agents := p.checkAgents(&pr, cidrs, p.agentsSecret)
	if err := pr.Err(); err != nil {
		return nil, err
	}
	return agents, nil
}

func (p Plan) checkAgents(pr *Problems, cidrs []string, secret bool) []string {
	before := len(pr.list)
	agents := checkAgentCIDRs(pr, cidrs, secret)
	if len(pr.list) > before {
		return nil
	}
	for _, c := range p.Clouds {
		c.CheckAgentCount(pr, len(agents))
	}
	return prefixStrings(agents)
}

// checkAgentCIDRs parses the agent CIDRs and checks what they cover. A
// secret value is never printed: messages say "a secret value" instead.
func checkAgentCIDRs(p *Problems, cidrs []string, secret bool) []netip.Prefix {
	if len(cidrs) == 0 {
		p.Add("agentCidrs", "at least one agent CIDR is required")
		return nil
	}
	show := func(s string) string {
		if secret {
			return "a secret value"
		}
		return quote(s)
	}
	seen := map[netip.Prefix]int{}
	var out []netip.Prefix
	var fields []string
	for i, c := range cidrs {
		field := fmt.Sprintf("agentCidrs[%d]", i)
		// Checked before parsing so ::/0 gets this message, not "not IPv4".
		if isWholeInternet(c) {
			p.Add(field, "%s is the whole internet; agent CIDRs must be the networks where agents run", show(c))
			continue
		}
		prefix, err := ParseIPv4Prefix(field, c)
		if err != nil {
			if secret {
				err = &FieldError{Field: field, Reason: "a secret value is not a canonical IPv4 CIDR"}
			}
			p.AddErr(err)
			continue
		}
		if first, dup := seen[prefix]; dup {
			p.Add(field, "%s repeats agentCidrs[%d]", show(c), first)
			continue
		}
		seen[prefix] = i
		out = append(out, prefix)
		fields = append(fields, field)
	}
	checkCoverage(p, "agentCidrs", out, fields, func(i int) string { return show(out[i].String()) })
	sortPrefixes(out)
	return out
}
